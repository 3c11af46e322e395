package com.multiship.platform.config;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The release state of one service ({@code platform:services.<name>.release}): two colours, each with its own image
 * tag and replica count, the stable colour, and the weight of traffic sent to the other one, the canary colour.
 *
 * <p>Each release step is one line of the stack file: a canary step changes {@code canaryWeight}; the blue-green
 * switch sets {@code stable} to the canary colour and {@code canaryWeight} to 0; a rollback sets {@code canaryWeight}
 * to 0 (or {@code stable} back to the old colour).
 *
 * @param stable       the colour that receives {@code 100 - canaryWeight} % of the traffic; default {@code blue}
 * @param canaryWeight the percentage (0..100) of traffic sent to the other colour; default 0
 * @param canaryHeader whether requests with header {@code canary: true} go to the canary colour; default: true
 *                     whenever the canary colour is deployed
 * @param colours      the state of {@code blue} and {@code green}; a colour left out has no image
 */
public record ReleaseState(Colour stable, int canaryWeight, boolean canaryHeader, Map<Colour, ColourState> colours) {

    /** The two colours of a blue-green release. */
    public enum Colour {
        BLUE("blue"), GREEN("green");

        private final String id;

        Colour(String id) {
            this.id = id;
        }

        /** As written in the stack file and in Kubernetes labels and Istio subsets. */
        public String id() {
            return id;
        }

        public Colour other() {
            return this == BLUE ? GREEN : BLUE;
        }
    }

    /**
     * One colour.
     *
     * @param image    the image tag, a release version such as {@code v2.2.0}; empty: the colour is not deployed
     * @param replicas the pods it runs and the minimum of its autoscaler; 0 keeps the tag on record but deploys nothing.
     *                 Default: 1 in dev, 2 in staging, 3 in production
     */
    public record ColourState(Optional<String> image, int replicas) {
        /** Whether the colour has a Deployment: an image and at least one replica. */
        public boolean deployed() {
            return image.isPresent() && replicas > 0;
        }
    }

    /** A release version tag: {@code v<major>.<minor>.<patch>}, never a moving tag such as {@code latest}. */
    static final Pattern IMAGE_TAG = Pattern.compile("^v(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$");
    static final String IMAGE_TAG_ALLOWED = "a release version tag such as v2.2.0 (v<major>.<minor>.<patch>; never latest)";
    /** Replicas of the stable colour in production, so that a drained node or a failed pod leaves two serving. */
    static final int PRODUCTION_STABLE_REPLICAS = 3;

    public Colour canary() {
        return stable.other();
    }

    public ColourState colour(Colour colour) {
        return colours.get(colour);
    }

    /** The colours that have a Deployment, blue first. */
    public List<Colour> deployedColours() {
        return List.of(Colour.values()).stream().filter(c -> colour(c).deployed()).toList();
    }

    static int defaultReplicas(Environment environment) {
        return switch (environment) {
            case DEV -> 1;
            case STAGING -> 2;
            case PRODUCTION -> 3;
        };
    }

    static ReleaseState parse(SettingsNode node, Environment environment) {
        var stable = node.oneOf("stable", Colour.class, Colour::id, Colour.BLUE);
        int weight = node.integer("canaryWeight", 0, 100, 0);
        var colours = new EnumMap<Colour, ColourState>(Colour.class);
        for (var colour : Colour.values()) {
            colours.put(colour, node.optionalObject(colour.id())
                    .map(c -> colour(c, environment))
                    .orElse(new ColourState(Optional.empty(), 0)));
        }
        var canary = stable.other();
        var stableState = colours.get(stable);
        var canaryState = colours.get(canary);
        if (stableState.image().isEmpty()) {
            node.invalid("stable", stable.id(), "a colour that has an image (" + stable.id() + " has none)");
        } else if (stableState.replicas() == 0) {
            node.invalid("stable", stable.id(), "a colour with replicas (" + stable.id() + " has replicas: 0)");
        } else if (environment.isProduction() && stableState.replicas() < PRODUCTION_STABLE_REPLICAS) {
            node.invalid(stable.id() + ".replicas", stableState.replicas(),
                    "at least " + PRODUCTION_STABLE_REPLICAS + " for the stable colour in production");
        }
        if (weight > 0 && canaryState.image().isEmpty()) {
            node.invalid("canaryWeight", weight, "0 while the canary colour " + canary.id() + " has no image");
        } else if (weight > 0 && canaryState.replicas() == 0) {
            node.invalid("canaryWeight", weight, "0 while the canary colour " + canary.id() + " has replicas: 0");
        }
        boolean header = node.bool("canaryHeader", canaryState.deployed());
        if (header && !canaryState.deployed()) {
            node.invalid("canaryHeader", true, "false while the canary colour " + canary.id() + " is not deployed"
                    + " (it needs an image and replicas)");
        }
        node.finish();
        return new ReleaseState(stable, weight, header, Map.copyOf(colours));
    }

    private static ColourState colour(SettingsNode node, Environment environment) {
        var image = node.optionalString("image", IMAGE_TAG, IMAGE_TAG_ALLOWED);
        if (image.isEmpty() && node.has("image")) {
            // Already reported; counted as an image so that the colour's traffic rules do not report it again.
            image = Optional.of("(invalid)");
        }
        int replicas = node.integer("replicas", 0, 50, defaultReplicas(environment));
        node.finish();
        return new ColourState(image, replicas);
    }
}
