package com.multiship.platform.traffic;

import com.multiship.platform.kubernetes.CustomObject;
import com.multiship.platform.config.ReleaseState.Colour;
import com.multiship.platform.config.ServiceSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Istio routing of one service, from its release state: a DestinationRule with one subset per colour (selected by
 * the pods' {@code colour} label), and a VirtualService whose first route sends requests with header
 * {@code canary: true} to the canary colour and whose default route splits the rest by weight.
 *
 * <p>Only the VirtualService depends on the release state's routing (stable colour, weight, header route): a canary
 * step or a blue-green switch changes nothing else.
 */
final class Routes {
    /** Istio serves {@code networking.istio.io/v1} from 1.22 on. */
    static final String API_VERSION = "networking.istio.io/v1";
    static final String VIRTUAL_SERVICE = CustomObject.type(API_VERSION, "VirtualService");
    static final String DESTINATION_RULE = CustomObject.type(API_VERSION, "DestinationRule");
    /** The ingress Gateway the mesh installation declares (contract): namespace {@code istio-ingress}, name {@code api-gateway}. */
    static final String INGRESS_GATEWAY = "istio-ingress/api-gateway";
    /** Istio's name for the sidecars of the mesh as a gateway: in-mesh callers. */
    static final String MESH = "mesh";
    static final String CANARY_HEADER = "canary";

    private Routes() {}

    /** The service's cluster-internal host name. */
    static String host(ServiceSettings service) {
        return service.name() + "." + service.namespace() + ".svc.cluster.local";
    }

    static Map<String, Object> destinationRule(ServiceSettings service) {
        var subsets = new ArrayList<Object>();
        for (var colour : Colour.values()) {
            subsets.add(Map.of("name", colour.id(), "labels", Map.of(Workload.COLOUR_LABEL, colour.id())));
        }
        var spec = new LinkedHashMap<String, Object>();
        spec.put("host", host(service));
        spec.put("subsets", subsets);
        return spec;
    }

    /**
     * @param apiHost the stack's API host, for the service that takes the ingress gateway's traffic; empty otherwise
     */
    static Map<String, Object> virtualService(ServiceSettings service, Optional<String> apiHost) {
        var release = service.release();
        var hosts = new ArrayList<Object>();
        var gateways = new ArrayList<Object>();
        apiHost.ifPresent(h -> {
            hosts.add(h);
            gateways.add(INGRESS_GATEWAY);
        });
        hosts.add(host(service));
        gateways.add(MESH);

        var http = new ArrayList<Object>();
        if (release.canaryHeader()) {
            // Bound to the sidecars only (a match's gateways override the VirtualService's): a client on the internet
            // cannot choose unreleased code; testers reach the canary from inside the mesh (docs/services.md).
            http.add(Map.of(
                    "name", "canary-header",
                    "match", List.of(Map.of("gateways", List.of(MESH),
                            "headers", Map.of(CANARY_HEADER, Map.of("exact", "true")))),
                    "route", List.of(Map.of("destination", destination(service, release.canary())))));
        }
        var weighted = new ArrayList<Object>();
        weighted.add(Map.of("destination", destination(service, release.stable()), "weight", 100 - release.canaryWeight()));
        if (release.colour(release.canary()).deployed()) {
            weighted.add(Map.of("destination", destination(service, release.canary()), "weight", release.canaryWeight()));
        }
        var route = new LinkedHashMap<String, Object>();
        route.put("name", "weighted");
        if (apiHost.isPresent()) {
            // What the edge sends on loses the header, so the entry service cannot carry a client's canary choice to
            // the services it calls. In-mesh callers with the header matched the route above and keep it.
            route.put("headers", Map.of("request", Map.of("remove", List.of(CANARY_HEADER))));
        }
        route.put("route", weighted);
        http.add(route);

        var spec = new LinkedHashMap<String, Object>();
        spec.put("hosts", hosts);
        spec.put("gateways", gateways);
        spec.put("http", http);
        return spec;
    }

    private static Map<String, Object> destination(ServiceSettings service, Colour colour) {
        return Map.of("host", host(service), "subset", colour.id(), "port", Map.of("number", service.port()));
    }
}
