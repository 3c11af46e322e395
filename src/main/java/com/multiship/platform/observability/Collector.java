package com.multiship.platform.observability;

import com.multiship.platform.iam.PolicyDocument;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The in-cluster metrics collector: the {@code prometheus} community chart at a pinned version, run as a Prometheus
 * agent in the {@code monitoring} namespace (see {@link CollectorValues}), writing to the stack's workspace through
 * its own IAM role, which only its service account can assume and which may only {@code aps:RemoteWrite} to that
 * one workspace.
 *
 * <p>Needs both providers: AWS for the role, the cluster's Kubernetes provider for the chart.
 */
public final class Collector extends ComponentResource {
    public static final String RELEASE = "prometheus-agent";
    public static final String CHART = "prometheus";
    /**
     * Pinned: Prometheus v3.14.0 (appVersion), agent mode with {@code --agent}; the newest chart tag of
     * prometheus-community/helm-charts ({@code prometheus-29.27.0}, 2026-08-18; checked 2026-12-02). Every value key
     * of {@link CollectorValues} was read in that tag's values.yaml. Upgrades are a reviewed change of this line.
     */
    public static final String CHART_VERSION = "29.27.0";
    public static final String REPOSITORY = "https://prometheus-community.github.io/helm-charts";

    private final Output<String> roleArn;

    public Collector(String name, CollectorArgs args, ComponentResourceOptions options) {
        super("platform:observability:Collector", name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var role = new Role(name + "-role", RoleArgs.builder()
                .description("IRSA role of " + MonitoringNamespace.NAME + "/" + CollectorValues.SERVICE_ACCOUNT
                        + ": writes metrics to the stack's Prometheus workspace only")
                .assumeRolePolicy(Output.tuple(args.oidcProviderArn(), args.oidcIssuerUrl()).applyValue(t ->
                        PolicyDocument.assumeRoleByServiceAccount(t.t1, t.t2, MonitoringNamespace.NAME,
                                CollectorValues.SERVICE_ACCOUNT)))
                .build(), child);
        var policy = new RolePolicy(name + "-remote-write", RolePolicyArgs.builder()
                .role(role.id())
                .policy(args.workspaceArn().applyValue(Collector::remoteWritePolicy))
                .build(), child);
        this.roleArn = role.arn();

        var settings = args.settings();
        var values = Output.tuple(args.prometheusEndpoint(), role.arn()).applyValue(t -> CollectorValues.of(
                args.clusterName(), args.stack(), args.region(), settings.level(), settings.scrapeIntervalSeconds(),
                args.serviceNamespaces(), t.t1 + "api/v1/remote_write", t.t2));
        new Release(name + "-chart", ReleaseArgs.builder()
                .name(RELEASE)
                .chart(CHART)
                .version(CHART_VERSION)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(REPOSITORY).build())
                .namespace(MonitoringNamespace.NAME)
                .createNamespace(false)
                .values(values)
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(600)
                .maxHistory(args.production() ? 10 : 3)
                // The policy first: the agent's first remote write must not be refused.
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(List.of(args.namespace(), policy)).build());
        registerOutputs(Map.of("roleArn", roleArn));
    }

    /** Remote write to this workspace and nothing else. */
    static String remoteWritePolicy(String workspaceArn) {
        return PolicyDocument.create().allow(List.of("aps:RemoteWrite"), List.of(workspaceArn)).toJson();
    }

    /** The collector's IAM role. */
    public Output<String> roleArn() {
        return roleArn;
    }
}
