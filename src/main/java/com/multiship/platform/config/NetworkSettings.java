package com.multiship.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The VPC of a stack ({@code platform:network}).
 *
 * @param vpcCidr            the VPC's IPv4 block, /16 to /24 (required)
 * @param zones              one entry per availability zone, keyed by zone name, in name order (the CLI sends object keys
 *                           sorted); 3 to 6 in staging and production, 2 to 6 in dev
 * @param natGateways        {@code single} (one NAT gateway, dev and staging only) or {@code perZone}; default: single in dev, perZone elsewhere
 * @param flowLogsEnabled    VPC flow logs to CloudWatch; default off in dev, and always on in staging and production
 * @param flowLogRetentionDays how long flow logs are kept; default 90 days
 */
public record NetworkSettings(
        Ipv4Cidr vpcCidr,
        List<Zone> zones,
        NatGateways natGateways,
        boolean flowLogsEnabled,
        int flowLogRetentionDays) {

    /**
     * An availability zone and the subnets the VPC has in it: public (load balancers, NAT), private (nodes and pods) and
     * endpoints (the interface VPC endpoints' network interfaces, a block of their own so that the pods' egress rules
     * can name it; /24 to /28).
     */
    public record Zone(String name, Ipv4Cidr publicCidr, Ipv4Cidr privateCidr, Ipv4Cidr endpointsCidr) {}

    /** How many NAT gateways the private subnets share. */
    public enum NatGateways {
        SINGLE("single"), PER_ZONE("perZone");

        private final String id;

        NatGateways(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** The retention values CloudWatch Logs accepts. */
    public static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);


    static NetworkSettings parse(SettingsNode node, Environment environment, String region) {
        var vpcCidr = cidr(node, "vpcCidr", 16, 24, "an IPv4 CIDR block from /16 to /24, such as 10.20.0.0/16");
        // Without a valid region (reported on its own) zones are only checked for the general shape of a zone name.
        var zoneNodes = region == null
                ? node.objects("zones", Pattern.compile("^[a-z]{2}(-gov)?-[a-z]+-\\d[a-z]$"), "availability zones such as us-east-1a")
                : node.objects("zones", Pattern.compile("^" + Pattern.quote(region) + "[a-z]$"),
                        "availability zones of " + region + " (such as " + region + "a)");
        var zones = new ArrayList<Zone>();
        zoneNodes.forEach((name, zone) -> {
            var publicCidr = cidr(zone, "public", 20, 27, "an IPv4 CIDR block from /20 to /27 inside the VPC");
            var privateCidr = cidr(zone, "private", 16, 22,
                    "an IPv4 CIDR block from /16 to /22 inside the VPC (pods take VPC addresses)");
            var endpointsCidr = cidr(zone, "endpoints", 24, 28,
                    "an IPv4 CIDR block from /24 to /28 inside the VPC, for the zone's VPC endpoints");
            zone.finish();
            zones.add(new Zone(name, publicCidr, privateCidr, endpointsCidr));
        });
        int minimumZones = environment == Environment.DEV ? 2 : 3;
        if (node.valid("zones") && (zones.size() < minimumZones || zones.size() > 6)) {
            node.invalid("zones", zoneNodes.keySet().stream().toList(),
                    minimumZones + " to 6 availability zones in " + environment.id());
        }
        checkSubnets(node, vpcCidr, zones);

        var natGateways = node.oneOf("natGateways", NatGateways.class, NatGateways::id,
                environment == Environment.DEV ? NatGateways.SINGLE : NatGateways.PER_ZONE);
        if (environment.isProduction() && natGateways != NatGateways.PER_ZONE) {
            node.invalid("natGateways", natGateways.id(), "perZone in production (a zone outage must not cut egress)");
        }
        boolean flowLogs = node.bool("flowLogsEnabled", environment != Environment.DEV);
        if (!flowLogs && environment != Environment.DEV) {
            node.invalid("flowLogsEnabled", false, "true in " + environment.id());
        }
        int retention = node.integerOneOf("flowLogRetentionDays", LOG_RETENTION_DAYS, 90);
        node.finish();
        return new NetworkSettings(vpcCidr, List.copyOf(zones), natGateways, flowLogs, retention);
    }

    private static void checkSubnets(SettingsNode node, Ipv4Cidr vpcCidr, List<Zone> zones) {
        var seen = new java.util.LinkedHashMap<String, Ipv4Cidr>();
        for (var zone : zones) {
            var subnets = new java.util.LinkedHashMap<String, Ipv4Cidr>();
            subnets.put("public", zone.publicCidr());
            subnets.put("private", zone.privateCidr());
            subnets.put("endpoints", zone.endpointsCidr());
            for (var entry : subnets.entrySet()) {
                var key = "zones." + zone.name() + "." + entry.getKey();
                var subnet = entry.getValue();
                if (subnet == null) {
                    continue;
                }
                if (vpcCidr != null && !vpcCidr.contains(subnet)) {
                    node.invalid(key, subnet.toString(), "inside the VPC block " + vpcCidr);
                }
                seen.forEach((otherKey, other) -> {
                    if (other.overlaps(subnet)) {
                        node.invalid(key, subnet.toString(), "a block that does not overlap " + node.key(otherKey)
                                + " (" + other + ")");
                    }
                });
                seen.put(key, subnet);
            }
        }
    }

    /** A CIDR with a prefix in {@code minPrefix..maxPrefix}; null after reporting a problem. */
    static Ipv4Cidr cidr(SettingsNode node, String child, int minPrefix, int maxPrefix, String allowed) {
        var text = node.string(child, SettingsNode.ANY_TEXT, allowed);
        if (text.isEmpty()) {
            return null;
        }
        var parsed = Ipv4Cidr.parse(text);
        if (parsed.isEmpty() || parsed.get().prefix() < minPrefix || parsed.get().prefix() > maxPrefix) {
            node.invalid(child, text, allowed);
            return null;
        }
        return parsed.get();
    }
}
