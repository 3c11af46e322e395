package com.multiship.platform.gate;

/** What one instant query of the Prometheus API answered, reduced to what the gate judges. */
public sealed interface QueryResult {
    /** One number. */
    record Value(double value) implements QueryResult {}

    /** A well-formed answer without a sample (no series matched, or NaN: nothing to divide). */
    record Empty() implements QueryResult {}

    /** An answer the gate cannot read: not JSON, not a vector of one sample, or an HTTP or network failure. */
    record Failed(String reason) implements QueryResult {}
}
