package com.multiship.platform.gate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision alone: thresholds are strict bounds, and anything unknown is NO-GO unless overridden. */
class GateDecisionTest {
    private static QueryResult value(double v) {
        return new QueryResult.Value(v);
    }

    private static final QueryResult EMPTY = new QueryResult.Empty();

    private static GateDecision decide(QueryResult requests, QueryResult errors, QueryResult p95, boolean override) {
        return GateDecision.decide(requests, errors, p95, 5, 2000, 100, override);
    }

    @Test
    void withinTriggersIsGo() {
        var decision = decide(value(1000), value(50), value(2000), false);
        assertThat(decision.go()).isTrue();
        assertThat(decision.errorPercent().getAsDouble()).isEqualTo(5.0);
        assertThat(decision.reasons()).isEmpty();
    }

    @Test
    void justAboveEachTriggerIsNoGo() {
        assertThat(decide(value(1000), value(50.1), value(100), false).reasons())
                .containsExactly("error rate 5.01 % is above the rollback trigger 5 %");
        assertThat(decide(value(1000), value(0), value(2000.4), false).reasons())
                .containsExactly("p95 2000 ms is above the rollback trigger 2000 ms");
    }

    @Test
    void bothBreachesAreReported() {
        var decision = decide(value(200), value(40), value(3000), true);
        assertThat(decision.go()).isFalse();
        assertThat(decision.overridden()).isFalse();
        assertThat(decision.reasons()).hasSize(2);
    }

    @Test
    void noFiveHundredsSeriesMeansNoErrors() {
        var decision = decide(value(500), EMPTY, value(120), false);
        assertThat(decision.go()).isTrue();
        assertThat(decision.errorPercent().getAsDouble()).isZero();
    }

    @Test
    void zeroRequestsIsNoData() {
        var decision = decide(value(0), EMPTY, EMPTY, false);
        assertThat(decision.go()).isFalse();
        assertThat(decision.reasons()).containsExactly("no data: the canary colour received no requests in the window");
    }

    @Test
    void exactlyTheMinimumIsEnough() {
        assertThat(decide(value(100), EMPTY, value(10), false).go()).isTrue();
        assertThat(decide(value(99.9), EMPTY, value(10), false).go()).isFalse();
    }

    @Test
    void missingP95WithTrafficIsNoData() {
        var decision = decide(value(500), EMPTY, EMPTY, false);
        assertThat(decision.go()).isFalse();
        assertThat(decision.reasons()).containsExactly("no data: no p95 response time for the window");
    }

    @Test
    void unreadableAnswerIsNoGoAndOverridable() {
        var failed = new QueryResult.Failed("the answer is not JSON: x");
        assertThat(decide(value(500), failed, value(10), false).go()).isFalse();
        var overridden = decide(value(500), failed, value(10), true);
        assertThat(overridden.go()).isTrue();
        assertThat(overridden.overridden()).isTrue();
        assertThat(overridden.reasons()).containsExactly("5xx count unreadable: the answer is not JSON: x");
    }
}
