package com.multiship.platform.logging;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/**
 * Where a component's CloudWatch log groups keep their data: encrypted with the stack's log key, and in production
 * protected from deletion by Pulumi (audit logs, statement text and flow records must outlive a mistaken change).
 *
 * @param keyArn  the log key's ARN, the {@code kmsKeyId} of every log group
 * @param protect whether the log groups are protected ({@code protect} is not inherited from a parent in this SDK)
 */
public record LogStorage(Output<String> keyArn, boolean protect) {
    /** The options of a log group declared by {@code parent}. */
    public CustomResourceOptions options(Resource parent) {
        return CustomResourceOptions.builder().parent(parent).protect(protect).build();
    }
}
