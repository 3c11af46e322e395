package com.multiship.platform.gate;

import com.multiship.platform.config.ObservabilitySettings;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The gate's judgement of one canary colour, from three query results: fails safe. Anything it cannot judge (no
 * data, too little traffic, an unreadable answer) is NO-GO unless the operator overrides it explicitly; a measured
 * breach of a rollback trigger is NO-GO, always. Pure: tested without HTTP.
 *
 * @param go           whether the next traffic step may be applied
 * @param overridden   GO only because {@code --override-no-data} was given: the gate could not judge
 * @param requests     requests the canary colour received in the window, when known
 * @param errorPercent its 5xx share, when known
 * @param p95Ms        its p95 response time, when known
 * @param reasons      why NO-GO (or, when overridden, what could not be judged); empty on a clean GO
 */
public record GateDecision(boolean go, boolean overridden, OptionalDouble requests, OptionalDouble errorPercent,
                           OptionalDouble p95Ms, List<String> reasons) {

    /**
     * @param requests   {@code sum(increase(istio_requests_total{canary}[window]))}
     * @param errors     the same for 5xx answers; empty means none were counted
     * @param p95        the canary colour's p95 in milliseconds over the window
     * @param maxErrorPercent the rollback trigger's error rate
     * @param maxP95Ms   the rollback trigger's p95
     */
    public static GateDecision decide(QueryResult requests, QueryResult errors, QueryResult p95, double maxErrorPercent,
                                      int maxP95Ms, int minRequests, boolean overrideNoData) {
        var unknown = new ArrayList<String>();
        var breaches = new ArrayList<String>();
        var requestCount = OptionalDouble.empty();
        var errorPercent = OptionalDouble.empty();
        var p95Ms = OptionalDouble.empty();

        if (requests instanceof QueryResult.Value v) {
            requestCount = OptionalDouble.of(v.value());
            if (v.value() == 0) {
                unknown.add("no data: the canary colour received no requests in the window");
            } else if (v.value() < minRequests) {
                unknown.add("too little traffic to judge: " + Math.round(v.value()) + " requests in the window, fewer"
                        + " than the " + minRequests + " required");
            }
        } else if (requests instanceof QueryResult.Failed f) {
            unknown.add("request count unreadable: " + f.reason());
        } else {
            unknown.add("no data: the canary colour reported no requests in the window");
        }
        boolean traffic = requestCount.isPresent() && requestCount.getAsDouble() > 0;
        if (traffic) {
            if (errors instanceof QueryResult.Value v) {
                errorPercent = OptionalDouble.of(100 * v.value() / requestCount.getAsDouble());
            } else if (errors instanceof QueryResult.Failed f) {
                unknown.add("5xx count unreadable: " + f.reason());
            } else {
                // No 5xx series at all: not one request of the window failed.
                errorPercent = OptionalDouble.of(0);
            }
        }
        if (p95 instanceof QueryResult.Value v) {
            p95Ms = OptionalDouble.of(v.value());
        } else if (p95 instanceof QueryResult.Failed f) {
            unknown.add("p95 unreadable: " + f.reason());
        } else if (traffic) {
            unknown.add("no data: no p95 response time for the window");
        }
        if (errorPercent.isPresent() && errorPercent.getAsDouble() > maxErrorPercent) {
            breaches.add(String.format("error rate %.2f %% is above the rollback trigger %s %%",
                    errorPercent.getAsDouble(), ObservabilitySettings.number(maxErrorPercent)));
        }
        if (p95Ms.isPresent() && p95Ms.getAsDouble() > maxP95Ms) {
            breaches.add(String.format("p95 %.0f ms is above the rollback trigger %d ms", p95Ms.getAsDouble(), maxP95Ms));
        }
        if (!breaches.isEmpty()) {
            breaches.addAll(unknown);
            return new GateDecision(false, false, requestCount, errorPercent, p95Ms, List.copyOf(breaches));
        }
        if (!unknown.isEmpty()) {
            return new GateDecision(overrideNoData, overrideNoData, requestCount, errorPercent, p95Ms, List.copyOf(unknown));
        }
        return new GateDecision(true, false, requestCount, errorPercent, p95Ms, List.of());
    }
}
