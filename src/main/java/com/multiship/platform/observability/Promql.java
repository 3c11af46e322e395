package com.multiship.platform.observability;

import java.util.List;

/**
 * The PromQL the platform relies on, in one place: the alert rules, the dashboard and the release gate all read the
 * mesh's telemetry through these expressions, so that what pages, what is drawn and what the gate judges agree.
 *
 * <p>Contract with the releases: each colour of a service is the Deployment {@code <service>-<colour>}, so the Istio
 * sidecar reports it as {@code destination_workload="<service>-<colour>"}; the pod label {@code app} becomes
 * {@code destination_app}. Requests are counted where they are received ({@code reporter="destination"}).
 */
public final class Promql {
    public static final String REQUESTS = "istio_requests_total";
    public static final String DURATION_BUCKET = "istio_request_duration_milliseconds_bucket";
    /** The ingress gateway's workload name: the mesh installs its Helm release as {@code istio-ingressgateway}. */
    public static final String INGRESS_GATEWAY = "istio-ingressgateway";
    public static final String INGRESS_NAMESPACE = "istio-ingress";
    static final String SERVER_ERRORS = "response_code=~\"5..\"";

    private Promql() {}

    /** The workload name of one colour of a service, as Kubernetes and Istio name it. */
    public static String workload(String service, String colour) {
        return service + "-" + colour;
    }

    /** Requests received by one workload: {@code {reporter="destination",...}}. */
    public static String workloadSelector(String namespace, String workload) {
        return "reporter=\"destination\",destination_workload_namespace=\"" + namespace
                + "\",destination_workload=\"" + workload + "\"";
    }

    /** Requests received by the pods of the given namespaces (every service of the catalogue). */
    static String namespacesSelector(List<String> namespaces) {
        return "reporter=\"destination\",destination_workload_namespace=~\"" + String.join("|", namespaces) + "\"";
    }

    /** All requests of the selection over the window, summed by {@code by} (empty: one number). */
    public static String requests(String selector, String window, String by) {
        return "sum" + by(by) + "(increase(" + REQUESTS + "{" + selector + "}[" + window + "]))";
    }

    /** The 5xx answers of the selection over the window. */
    public static String serverErrors(String selector, String window, String by) {
        return "sum" + by(by) + "(increase(" + REQUESTS + "{" + selector + "," + SERVER_ERRORS + "}[" + window + "]))";
    }

    /** The 5xx share (0..1) of the selection, by {@code by}. */
    static String errorRatio(String selector, String window, String by) {
        return serverErrors(selector, window, by) + " / " + requests(selector, window, by);
    }

    /** The p95 response time in milliseconds of the selection, by {@code by}. */
    public static String p95(String selector, String window, String by) {
        return "histogram_quantile(0.95, sum by (" + (by.isEmpty() ? "le" : by + ", le") + ") (rate(" + DURATION_BUCKET
                + "{" + selector + "}[" + window + "])))";
    }

    /** A window in minutes as PromQL writes it: {@code 5m}. */
    public static String minutes(int minutes) {
        return minutes + "m";
    }

    private static String by(String by) {
        return by.isEmpty() ? "" : " by (" + by + ") ";
    }
}
