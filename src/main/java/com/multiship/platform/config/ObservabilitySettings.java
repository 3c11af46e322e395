package com.multiship.platform.config;

/**
 * Metrics, alerts and the release gate of the stack ({@code platform:observability}); the whole object may be left
 * out, and then every key takes its environment's default.
 *
 * @param level                 {@code basic} or {@code full}: what is collected and alerted on (see {@link Level});
 *                              default basic in dev, full in staging and production (required there: the requirements'
 *                              monitoring row)
 * @param retentionDays         how long the Prometheus workspace keeps samples (1..1095); default 30 in dev, 90 in
 *                              staging, 400 in production (a year and a season, for year-over-year comparisons)
 * @param scrapeIntervalSeconds how often the collector scrapes its targets (15, 30 or 60); default 60 in dev, 30
 *                              elsewhere. The alert windows (5 minutes) need at least four samples, hence no slower
 * @param notifications         whether firing alerts are routed to the stack's SNS topic by the workspace's alert
 *                              manager; default true in production (required there: "full, with alerting"), false
 *                              elsewhere (rules are still evaluated and visible in the workspace)
 * @param thresholds            the alert thresholds and the release gate's rollback triggers
 */
public record ObservabilitySettings(Level level, int retentionDays, int scrapeIntervalSeconds, boolean notifications,
                                    Thresholds thresholds) {

    /** What the stack collects and alerts on. */
    public enum Level {
        /**
         * Dev's "basic logs and errors": mesh request metrics (rate, 5xx, latency per service and colour), pod CPU and
         * memory from cAdvisor, kube-state-metrics; the availability, error-rate, latency and rollback-trigger rules.
         * No node-exporter (so no node disk), no resource alerts.
         */
        BASIC("basic"),
        /** Everything of basic, plus node-exporter (node disk) and the CPU, memory and disk alerts. */
        FULL("full");

        private final String id;

        Level(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * Alert thresholds; the defaults are the requirements' numbers. In production none may be looser than them.
     *
     * @param unavailableMinutes          the API counts as unavailable after this many minutes without a ready pod of
     *                                    the ingress service or the ingress gateway, or with (nearly) every answer a
     *                                    5xx; default 2 (critical)
     * @param errorRatePercent            a service's 5xx share over 5 minutes above this pages; default 1 (critical)
     * @param p95Ms                       a service's p95 latency over 5 minutes above this warns; default 1000
     * @param cpuPercent                  a pod's CPU use, as a share of its CPU limit, above this for 10 minutes warns;
     *                                    default 80
     * @param memoryPercent               a pod's working set, as a share of its memory limit, above this for 10 minutes
     *                                    warns; default 85
     * @param diskPercent                 a node's root filesystem fuller than this for 15 minutes warns; default 75
     * @param databaseConnectionFailures  refused or failed connections the database logs in 5 minutes (FATAL lines:
     *                                    authentication failures, too many clients) above which it pages; default 5
     * @param canaryErrorRatePercent      rollback trigger: the canary colour's 5xx share over the window; default 5
     * @param canaryP95Ms                 rollback trigger: the canary colour's p95 latency over the window; default 2000
     * @param canaryWindowMinutes         the rollback triggers' window ("for 5 minutes") and the gate's default window;
     *                                    default 5
     * @param minRequests                 the fewest requests in a window for a rate to be judged (the rules ignore
     *                                    quieter workloads; the gate answers NO-GO); default 100
     */
    public record Thresholds(int unavailableMinutes, double errorRatePercent, int p95Ms, int cpuPercent,
                             int memoryPercent, int diskPercent, int databaseConnectionFailures,
                             double canaryErrorRatePercent, int canaryP95Ms, int canaryWindowMinutes, int minRequests) {}

    /** The requirements' thresholds: the defaults, and in production the loosest values accepted. */
    public static final Thresholds REQUIRED = new Thresholds(2, 1, 1000, 80, 85, 75, 5, 5, 2000, 5, 100);

    static ObservabilitySettings parse(SettingsNode root, Environment environment) {
        var node = root.objectOrDefaults("observability");
        var defaultLevel = environment == Environment.DEV ? Level.BASIC : Level.FULL;
        var level = node.oneOf("level", Level.class, Level::id, defaultLevel);
        if (environment != Environment.DEV && level != Level.FULL) {
            node.invalid("level", level.id(), "full in " + environment.id() + " (the requirements' monitoring is full"
                    + " outside dev)");
        }
        int retention = node.integer("retentionDays", 1, 1095, switch (environment) {
            case DEV -> 30;
            case STAGING -> 90;
            case PRODUCTION -> 400;
        });
        int interval = node.integerOneOf("scrapeIntervalSeconds", java.util.Set.of(15, 30, 60),
                environment == Environment.DEV ? 60 : 30);
        boolean notifications = node.bool("notifications", environment.isProduction());
        if (environment.isProduction() && !notifications) {
            node.invalid("notifications", false, "true in production (monitoring there is full, with alerting)");
        }
        var thresholds = thresholds(node.objectOrDefaults("thresholds"), environment);
        node.finish();
        return new ObservabilitySettings(level, retention, interval, notifications, thresholds);
    }

    private static Thresholds thresholds(SettingsNode node, Environment environment) {
        var r = REQUIRED;
        var t = new Thresholds(
                node.integer("unavailableMinutes", 1, 60, r.unavailableMinutes()),
                node.decimal("errorRatePercent", 0.01, 50, r.errorRatePercent()),
                node.integer("p95Ms", 10, 60000, r.p95Ms()),
                node.integer("cpuPercent", 10, 100, r.cpuPercent()),
                node.integer("memoryPercent", 10, 100, r.memoryPercent()),
                node.integer("diskPercent", 10, 99, r.diskPercent()),
                node.integer("databaseConnectionFailures", 1, 10000, r.databaseConnectionFailures()),
                node.decimal("canaryErrorRatePercent", 0.01, 50, r.canaryErrorRatePercent()),
                node.integer("canaryP95Ms", 10, 60000, r.canaryP95Ms()),
                node.integer("canaryWindowMinutes", 1, 60, r.canaryWindowMinutes()),
                node.integer("minRequests", 1, 1_000_000, r.minRequests()));
        if (environment.isProduction()) {
            atMost(node, "unavailableMinutes", t.unavailableMinutes(), r.unavailableMinutes());
            atMost(node, "errorRatePercent", t.errorRatePercent(), r.errorRatePercent());
            atMost(node, "p95Ms", t.p95Ms(), r.p95Ms());
            atMost(node, "cpuPercent", t.cpuPercent(), r.cpuPercent());
            atMost(node, "memoryPercent", t.memoryPercent(), r.memoryPercent());
            atMost(node, "diskPercent", t.diskPercent(), r.diskPercent());
            atMost(node, "canaryErrorRatePercent", t.canaryErrorRatePercent(), r.canaryErrorRatePercent());
            atMost(node, "canaryP95Ms", t.canaryP95Ms(), r.canaryP95Ms());
            atMost(node, "canaryWindowMinutes", t.canaryWindowMinutes(), r.canaryWindowMinutes());
        }
        if (t.canaryErrorRatePercent() < t.errorRatePercent() && node.valid("canaryErrorRatePercent", "errorRatePercent")) {
            node.invalid("canaryErrorRatePercent", node.raw("canaryErrorRatePercent"), "at least errorRatePercent ("
                    + number(t.errorRatePercent()) + "): a rollback trigger below the service alert would roll back"
                    + " a canary that is healthier than the alerting threshold");
        }
        node.finish();
        return t;
    }

    private static void atMost(SettingsNode node, String key, double value, double required) {
        if (value > required && node.valid(key)) {
            node.invalid(key, node.raw(key), "at most " + number(required)
                    + " in production (the requirements' threshold; stricter is allowed)");
        }
    }

    /** {@code 1} rather than {@code 1.0}; {@code 0.5} as is. */
    public static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
