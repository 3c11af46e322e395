package com.multiship.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The EKS cluster of a stack ({@code platform:cluster}).
 *
 * @param kubernetesVersion   the control plane's minor version, such as {@code 1.36} (required). The shape is checked here;
 *                            whether EKS creates clusters on it is asked of EKS ({@code cluster/KubernetesVersions})
 * @param publicAccessCidrs   CIDRs allowed to reach the public API endpoint; empty turns the public endpoint off.
 *                            The private endpoint is always on. Never {@code 0.0.0.0/0} in production, never an RFC 5737
 *                            documentation range. Default: empty
 * @param adminRoleArns       IAM roles given cluster-admin through EKS access entries. Default: none
 * @param deployerRoleArn     the IAM role that runs {@code pulumi up} (CI's deploy role): it gets cluster-admin through an
 *                            access entry declared in code, since the cluster creator gets none implicitly (required)
 * @param deployerCidrs       networks from which a deployer reaches the private API endpoint on 443, such as a tooling VPC
 *                            reached by peering or a transit gateway; each becomes an ingress rule on the cluster security
 *                            group. The deployer security group the network declares is always admitted. Default: none
 * @param logRetentionDays    retention of the control-plane logs (api, audit, authenticator). Default: 90
 * @param nodeGroups          managed node groups, by name (at least one)
 */
public record ClusterSettings(
        String kubernetesVersion,
        List<String> publicAccessCidrs,
        List<String> adminRoleArns,
        String deployerRoleArn,
        List<String> deployerCidrs,
        int logRetentionDays,
        List<NodeGroup> nodeGroups) {

    /**
     * A managed node group.
     *
     * @param name           its key in the stack file
     * @param instanceTypes  EC2 instance types, such as {@code m6i.large} (required)
     * @param capacityType   {@code ON_DEMAND} (default) or {@code SPOT} (dev only)
     * @param minSize        fewest nodes (production: at least 3, one per zone)
     * @param desiredSize    nodes at creation; later left to the autoscaler (default: minSize)
     * @param maxSize        most nodes
     * @param diskSizeGib    root volume size; default 50
     * @param maxUnavailable nodes replaced at once during a rolling update; default 1
     */
    public record NodeGroup(String name, List<String> instanceTypes, CapacityType capacityType, int minSize,
                            int desiredSize, int maxSize, int diskSizeGib, int maxUnavailable) {}

    public enum CapacityType { ON_DEMAND, SPOT }

    /**
     * The most nodes the node groups can run at once: each group's {@code maxSize}, plus what a managed node group
     * update adds while it replaces nodes (EKS raises the group's size by the larger of twice its zone count and
     * {@code maxUnavailable}: "Managed node update behavior", EKS User Guide). Per-node DaemonSets are sized by it.
     *
     * @param zones the availability zones the node groups span
     */
    public int maxNodesDuringUpdate(int zones) {
        return nodeGroups.stream().mapToInt(g -> g.maxSize() + Math.max(2 * zones, g.maxUnavailable())).sum();
    }

    static final Pattern VERSION = Pattern.compile("^1\\.\\d{2}$");
    /** RFC 5737: blocks for documentation, never routed; a stack file that lists one still holds an example value. */
    static final List<Ipv4Cidr> DOCUMENTATION_RANGES = List.of(Ipv4Cidr.parse("192.0.2.0/24").orElseThrow(),
            Ipv4Cidr.parse("198.51.100.0/24").orElseThrow(), Ipv4Cidr.parse("203.0.113.0/24").orElseThrow());
    static final Pattern INSTANCE_TYPE = Pattern.compile("^[a-z][a-z0-9-]*\\.[0-9]*[a-z]+$");
    static final Pattern ROLE_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$");
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,30}$");

    static ClusterSettings parse(SettingsNode node, Environment environment) {
        var version = node.string("kubernetesVersion", VERSION, "a Kubernetes minor version written as a string such as \"1.36\"");
        var cidrs = networks(node, "publicAccessCidrs", environment.isProduction()
                ? "a block no wider than /8 in production (the API is private; list only operator and CI ranges)" : null);
        var deployerCidrs = networks(node, "deployerCidrs", "a block no wider than /8 (only the deployer's own network)");
        var admins = node.stringList("adminRoleArns", ROLE_ARN, "an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admin");
        var deployer = node.string("deployerRoleArn", ROLE_ARN,
                "the IAM role ARN that runs pulumi up, such as arn:aws:iam::123456789012:role/platform-deployer");
        if (admins.contains(deployer)) {
            node.invalid("deployerRoleArn", deployer, "a role not also listed in adminRoleArns (EKS allows one access entry per principal)");
        }
        int retention = node.integerOneOf("logRetentionDays", NetworkSettings.LOG_RETENTION_DAYS, 90);
        var groups = new ArrayList<NodeGroup>();
        node.objects("nodeGroups", NAME, "node group names (lower case, digits and -)").forEach((name, group) ->
                groups.add(nodeGroup(name, group, environment)));
        if (groups.isEmpty()) {
            node.invalid("nodeGroups", "nothing", "at least one node group");
        }
        node.finish();
        return new ClusterSettings(version, cidrs, admins, deployer, deployerCidrs, retention, List.copyOf(groups));
    }

    /** A list of IPv4 blocks that reach the API; {@code tooWide}, when set, refuses blocks wider than /8. */
    private static List<String> networks(SettingsNode node, String key, String tooWide) {
        var cidrs = node.stringList(key, SettingsNode.ANY_TEXT, "an IPv4 CIDR block written a.b.c.d/n");
        for (int i = 0; i < cidrs.size(); i++) {
            var text = cidrs.get(i);
            var child = key + "[" + i + "]";
            var cidr = Ipv4Cidr.parse(text);
            if (cidr.isEmpty()) {
                node.invalid(child, text, "an IPv4 CIDR block written a.b.c.d/n");
                continue;
            }
            var documentation = DOCUMENTATION_RANGES.stream().filter(range -> range.contains(cidr.get())).findFirst();
            if (documentation.isPresent()) {
                var range = documentation.get();
                node.invalid(child, text, "a real network (" + (range.equals(cidr.get()) ? text + " is"
                        : text + " lies in " + range + ",") + " an RFC 5737 documentation range: put your office or VPN"
                        + " egress range here)");
            } else if (tooWide != null && cidr.get().prefix() < 8) {
                node.invalid(child, text, tooWide);
            }
        }
        return cidrs;
    }

    private static NodeGroup nodeGroup(String name, SettingsNode group, Environment environment) {
        var types = group.stringList("instanceTypes", INSTANCE_TYPE, "an EC2 instance type such as m6i.large");
        if (types.isEmpty()) {
            group.invalid("instanceTypes", types, "at least one EC2 instance type such as m6i.large");
        }
        var capacity = group.oneOf("capacityType", CapacityType.class, Enum::name, CapacityType.ON_DEMAND);
        if (capacity == CapacityType.SPOT && environment != Environment.DEV) {
            group.invalid("capacityType", capacity.name(), "ON_DEMAND in " + environment.id() + " (spot capacity is for dev only)");
        }
        int floor = environment.isProduction() ? 3 : 1;
        int min = group.integer("minSize", floor, 100);
        int max = group.integer("maxSize", 1, 100);
        int desired = group.integer("desiredSize", 1, 100, min);
        int disk = group.integer("diskSizeGib", 20, 1000, 50);
        int maxUnavailable = group.integer("maxUnavailable", 1, 100, 1);
        if (group.valid("minSize", "maxSize", "desiredSize")) {
            if (min > max) {
                group.invalid("maxSize", max, "at least minSize (" + min + ")");
            } else if (desired < min || desired > max) {
                group.invalid("desiredSize", desired, "from minSize to maxSize (" + min + " to " + max + ")");
            }
        }
        int maxUnavailableLimit = Math.max(1, max / 2);
        if (group.valid("maxSize", "maxUnavailable") && maxUnavailable > maxUnavailableLimit) {
            group.invalid("maxUnavailable", maxUnavailable, "at most half of maxSize (" + maxUnavailableLimit
                    + "), so that a rolling update keeps capacity");
        }
        group.finish();
        return new NodeGroup(name, types, capacity, min, desired, max, disk, maxUnavailable);
    }
}
