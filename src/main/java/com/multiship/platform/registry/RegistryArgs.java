package com.multiship.platform.registry;

import com.multiship.platform.config.Environment;
import com.multiship.platform.config.RegistrySettings;

import java.util.List;

/**
 * What the registries need.
 *
 * @param services    the service names; one repository each, named {@code multiship/<service>}
 * @param settings    {@code platform:registry}
 * @param environment immutable tags in staging and production; force delete only in dev; protected in production
 */
public record RegistryArgs(List<String> services, RegistrySettings settings, Environment environment) {}
