package com.multiship.platform.traffic;

import com.multiship.platform.config.ServiceSettings;
import com.multiship.platform.kubernetes.CustomObject;
import com.multiship.platform.kubernetes.Metadata;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call whom, by identity: Istio AuthorizationPolicies next to the NetworkPolicies of the tenancy, which admit
 * the same callers by address. In each service namespace an {@code allow-nothing} policy (an ALLOW policy without
 * rules, so no request is allowed unless another policy allows it), and per service an ALLOW policy
 * {@code <service>-peers} on its port for the mTLS identities of its peers' service accounts and, for the ingress
 * service, of the ingress gateway. A pod that merely carries a peer's {@code app} label does not get in.
 *
 * <p>Kubelet probes are not affected: the sidecar rewrites them to its own agent port. The collector reads the Envoy
 * metrics port, which Envoy serves itself, outside the inbound chain these policies govern.
 */
public final class ServiceAuthorization extends ComponentResource {
    /** {@code security.istio.io/v1}: served by Istio's CRDs from 1.22 on (checked in manifests/charts/base at 1.24.6 and 1.30.3). */
    static final String API_VERSION = "security.istio.io/v1";
    static final String KIND = "AuthorizationPolicy";
    /** Istio's default trust domain (the mesh config sets no other). */
    static final String TRUST_DOMAIN = "cluster.local";
    /**
     * The ingress gateway's identity: the istio/gateway chart names its service account after the Helm release
     * ({@code gateway.serviceAccountName} in templates/_helpers.tpl), and the mesh installs it as
     * {@code istio-ingressgateway} in {@code istio-ingress}.
     */
    static final String INGRESS_GATEWAY_PRINCIPAL = principal("istio-ingress", "istio-ingressgateway");

    public ServiceAuthorization(String name, ServiceAuthorizationArgs args, ComponentResourceOptions options) {
        super("platform:traffic:ServiceAuthorization", name, null, options);
        var child = CustomResourceOptions.builder().parent(this).dependsOn(args.after()).build();
        var namespaces = args.services().stream().map(ServiceSettings::namespace).distinct().sorted().toList();
        for (var namespace : namespaces) {
            new CustomObject(name + "-ns-" + namespace + "-allow-nothing", API_VERSION, KIND,
                    Metadata.managed("allow-nothing", namespace), Map.of(), child);
        }
        for (var service : args.services()) {
            allowPeers(service, args.services()).ifPresent(spec -> new CustomObject(
                    name + "-svc-" + service.name() + "-allow-peers", API_VERSION, KIND,
                    Metadata.managed(service.name() + "-peers", service.namespace()), spec, child));
        }
        registerOutputs(Map.of());
    }

    /** {@code <trust domain>/ns/<namespace>/sa/<service account>}, the identity in a workload's mTLS certificate. */
    static String principal(String namespace, String serviceAccount) {
        return TRUST_DOMAIN + "/ns/" + namespace + "/sa/" + serviceAccount;
    }

    /**
     * The ALLOW policy of one service: its peers (whose service accounts are named after them, see tenancy) and the
     * ingress gateway for the ingress service, on the service's port; empty when nobody may call it.
     */
    static Optional<Map<String, Object>> allowPeers(ServiceSettings service, List<ServiceSettings> catalogue) {
        var principals = new ArrayList<Object>();
        catalogue.stream().filter(peer -> service.peers().contains(peer.name()))
                .forEach(peer -> principals.add(principal(peer.namespace(), peer.name())));
        if (service.ingress()) {
            principals.add(INGRESS_GATEWAY_PRINCIPAL);
        }
        if (principals.isEmpty()) {
            return Optional.empty();
        }
        var spec = new LinkedHashMap<String, Object>();
        spec.put("selector", Map.of("matchLabels", Map.of(Workload.APP_LABEL, service.name())));
        spec.put("action", "ALLOW");
        spec.put("rules", List.of(Map.of(
                "from", List.of(Map.of("source", Map.of("principals", principals))),
                "to", List.of(Map.of("operation", Map.of("ports", List.of(String.valueOf(service.port()))))))));
        return Optional.of(spec);
    }
}
