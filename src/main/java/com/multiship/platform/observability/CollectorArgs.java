package com.multiship.platform.observability;

import com.multiship.platform.config.ObservabilitySettings;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * @param clusterName       the EKS cluster; an external label of every sample
 * @param stack             the stack; an external label of every sample
 * @param region            the workspace's region, for SigV4
 * @param settings          level (which jobs) and scrape interval
 * @param serviceNamespaces the namespaces of the service catalogue: where the mesh's sidecars are scraped
 * @param workspaceArn      the workspace: the only resource the collector's role may write to
 * @param prometheusEndpoint the workspace's endpoint, ending in {@code /}
 * @param oidcProviderArn   the cluster's IAM OIDC provider (IRSA)
 * @param oidcIssuerUrl     the cluster's OIDC issuer
 * @param namespace         the {@code monitoring} namespace and its policies, which the release waits for
 * @param production        production keeps more Helm history
 */
public record CollectorArgs(String clusterName, String stack, String region, ObservabilitySettings settings,
                            List<String> serviceNamespaces, Output<String> workspaceArn, Output<String> prometheusEndpoint,
                            Output<String> oidcProviderArn, Output<String> oidcIssuerUrl, Resource namespace,
                            boolean production) {}
