package com.multiship.platform.gate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading instant-query answers: one sample or none; anything else is a failure, never a number. */
class PrometheusClientTest {
    private static String vector(String result) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}";
    }

    @Test
    void readsOneSample() {
        assertThat(PrometheusClient.parse(vector("[{\"metric\":{},\"value\":[1718002800.1,\"12.5\"]}]")))
                .isEqualTo(new QueryResult.Value(12.5));
    }

    @Test
    void noSeriesAndNaNAreEmpty() {
        assertThat(PrometheusClient.parse(vector("[]"))).isEqualTo(new QueryResult.Empty());
        assertThat(PrometheusClient.parse(vector("[{\"metric\":{},\"value\":[1718002800.1,\"NaN\"]}]")))
                .isEqualTo(new QueryResult.Empty());
    }

    @Test
    void failsOnAnythingElse() {
        assertThat(PrometheusClient.parse("<html>502 Bad Gateway</html>"))
                .isEqualTo(new QueryResult.Failed("the answer is not JSON: <html>502 Bad Gateway</html>"));
        assertThat(PrometheusClient.parse("{\"status\":\"error\",\"error\":\"bad query\"}"))
                .isInstanceOf(QueryResult.Failed.class);
        assertThat(PrometheusClient.parse("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"))
                .isEqualTo(new QueryResult.Failed("the answer is not an instant vector: "
                        + "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"));
        assertThat(PrometheusClient.parse(vector("[{\"metric\":{\"a\":\"1\"},\"value\":[1,\"1\"]},{\"metric\":{\"a\":\"2\"},\"value\":[1,\"2\"]}]")))
                .isEqualTo(new QueryResult.Failed("expected one series, got 2"));
        assertThat(PrometheusClient.parse(vector("[{\"metric\":{},\"value\":[1,\"-3\"]}]")))
                .isEqualTo(new QueryResult.Failed("the sample is not a finite, non-negative number: -3"));
        assertThat(PrometheusClient.parse(vector("[{\"metric\":{},\"value\":[1,\"+Inf\"]}]")))
                .isInstanceOf(QueryResult.Failed.class);
    }
}
