package com.multiship.platform.edge;

/**
 * Inputs of {@link WebFirewall}.
 *
 * @param aclName              the web ACL's name, unique per account among CloudFront web ACLs, such as
 *                             {@code multiship-production-assets}; also the prefix of its CloudWatch metrics
 * @param rateLimitPer5Minutes requests one client IP may make in any 5-minute window before it is blocked
 */
public record WebFirewallArgs(String aclName, int rateLimitPer5Minutes) {}
