package com.multiship.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.plan.PlannedResource;

import java.util.Map;

/**
 * Whether the NetworkPolicies of a plan let a pod open a TCP connection to an IP address, as the EKS VPC CNI network
 * policy agent decides it: its egress probe sits on the pod's host-side veth (tc ingress), so it sees the destination
 * before kube-proxy translates a cluster IP (aws-network-policy-agent v1.4.1 {@code pkg/ebpf/c/tc.v4egress.bpf.c},
 * {@code ip->daddr}); and the controller adds a Service's cluster IP to a policy only for pod-selector peers that
 * the Service's own selector matches (amazon-network-policy-controller-k8s v1.1.7
 * {@code pkg/resolvers/endpoints.go getMatchingServiceClusterIPs}). The {@code kubernetes} Service has no selector, so
 * only an {@code ipBlock} that contains its cluster IP admits it. Pod-selector peers are therefore never matched here.
 */
public final class VpcCniEgress {
    private static final String POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

    private VpcCniEgress() {}

    /** Whether a pod with {@code podLabels} in {@code namespace} may connect to {@code ip:port} over TCP. */
    public static boolean allows(Plan plan, String namespace, Map<String, String> podLabels, String ip, int port) {
        boolean isolated = false;
        for (var policy : plan.ofType(POLICY)) {
            if (!namespace.equals(policy.input("metadata.namespace").asText()) || !selects(policy, podLabels)
                    || !hasType(policy.input("spec.policyTypes"), "Egress")) {
                continue;
            }
            isolated = true;
            for (var rule : policy.input("spec.egress")) {
                if (portMatches(rule.path("ports"), port) && peerMatches(rule.path("to"), ip)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private static boolean selects(PlannedResource policy, Map<String, String> podLabels) {
        var selector = policy.input("spec.podSelector");
        var matchLabels = selector.path("matchLabels");
        var fields = matchLabels.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().asText().equals(podLabels.get(entry.getKey()))) {
                return false;
            }
        }
        for (var expression : selector.path("matchExpressions")) {
            var value = podLabels.get(expression.path("key").asText());
            boolean in = false;
            for (var v : expression.path("values")) {
                in |= v.asText().equals(value);
            }
            if ("In".equals(expression.path("operator").asText()) != in) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasType(JsonNode types, String type) {
        for (var t : types) {
            if (t.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(JsonNode ports, int port) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (var p : ports) {
            if (!"UDP".equals(p.path("protocol").asText()) && (p.path("port").isMissingNode() || p.path("port").asInt() == port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(JsonNode peers, String ip) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (var peer : peers) {
            var block = peer.path("ipBlock");
            if (block.isMissingNode() || !contains(block.path("cidr").asText(), ip)) {
                continue;
            }
            boolean excepted = false;
            for (var except : block.path("except")) {
                excepted |= contains(except.asText(), ip);
            }
            if (!excepted) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(String cidr, String ip) {
        var parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (var octet : ip.split("\\.")) {
            value = value * 256 + Integer.parseInt(octet);
        }
        return value;
    }
}
