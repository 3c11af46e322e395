package com.multiship.platform.edge;

/**
 * Inputs of {@link Domain}.
 *
 * @param domainName   the host name the assets are served on, such as {@code assets.multiship.com}
 * @param hostedZoneId the Route 53 public hosted zone holding it
 */
public record DomainArgs(String domainName, String hostedZoneId) {}
