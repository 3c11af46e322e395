package com.multiship.platform.edge;

import com.pulumi.core.Output;

/**
 * Inputs of {@link AccessLogs}.
 *
 * @param resourcePrefix  the start of the log bucket's name and of the delivery names, such as
 *                        {@code multiship-production-assets} (at most 37 characters with {@code -logs-})
 * @param distributionArn the CloudFront distribution whose access logs are delivered
 * @param expirationDays  days a log file is kept
 * @param protect         protect the log bucket from deletion (production)
 * @param forceDestroy    let {@code pulumi destroy} empty the log bucket first (dev only)
 */
public record AccessLogsArgs(String resourcePrefix, Output<String> distributionArn, int expirationDays,
                             boolean protect, boolean forceDestroy) {}
