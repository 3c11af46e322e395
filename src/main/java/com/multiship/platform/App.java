package com.multiship.platform;

import com.multiship.platform.cluster.Cluster;
import com.multiship.platform.cluster.ClusterArgs;
import com.multiship.platform.config.StackConfig;
import com.multiship.platform.config.StackSettings;
import com.multiship.platform.network.Network;
import com.multiship.platform.network.NetworkArgs;
import com.multiship.platform.registry.Registry;
import com.multiship.platform.registry.RegistryArgs;
import com.multiship.platform.tenancy.Tenancy;
import com.multiship.platform.tenancy.TenancyArgs;
import com.multiship.platform.traffic.ServiceRelease;
import com.multiship.platform.traffic.ServiceReleaseArgs;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Multiship platform of one stack: read and validate the settings, declare the providers, wire the
 * components, export the outputs. Reads top to bottom.
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    /** The program as the Pulumi CLI runs it. */
    public static void stack(Context ctx) {
        stack(ctx, StackConfig.fromEngine(ctx));
    }

    /** The program for an already read config; tests and the offline plan call this. */
    public static void stack(Context ctx, StackConfig config) {
        var settings = StackSettings.parse(config);
        boolean protect = settings.environment().isProduction();
        var clusterName = "multiship-" + settings.stack();

        var aws = awsProvider("aws-" + settings.region(), settings.region(), settings);
        var inRegion = ComponentResourceOptions.builder().providers(aws).build();

        var network = new Network("network", new NetworkArgs(settings.network(), clusterName), inRegion);
        var cluster = new Cluster("cluster", new ClusterArgs(clusterName, settings.region(), settings.cluster(),
                network.privateSubnetIds(), protect), inRegion);

        var serviceNames = settings.services().stream().map(s -> s.name()).toList();
        var registry = new Registry("registry", new RegistryArgs(serviceNames, settings.registry(), settings.environment()), inRegion);
        var inCluster = ComponentResourceOptions.builder().providers(cluster.kubernetesProvider()).build();
        // The services' IAM roles (roleArnByService) come from the secrets component; without them, no annotation.
        var tenancy = new Tenancy("tenancy", new TenancyArgs(settings.namespaces(), settings.services(),
                network.vpcCidr(), Map.of()), inCluster);
        for (var service : settings.services()) {
            var after = new ArrayList<Resource>(tenancy.namespaces());
            after.add(tenancy.serviceAccounts().get(service.name()));
            new ServiceRelease("release-" + service.name(), new ServiceReleaseArgs(service, settings.environment(),
                    registry.repositoryUrls().get(service.name()), settings.traffic().apiHost(), List.copyOf(after)), inCluster);
        }

        ctx.export("vpcId", network.vpcId());
        ctx.export("privateSubnetIds", network.privateSubnetIds());
        ctx.export("publicSubnetIds", network.publicSubnetIds());
        ctx.export("clusterName", cluster.clusterName());
        ctx.export("kubeconfig", cluster.kubeconfig().asSecret());
        ctx.export("oidcProviderArn", cluster.oidcProviderArn());
        ctx.export("imageRepositories", registry.repositoryUrlMap());
    }

    /** An explicit AWS provider: every AWS resource names its region, and carries the stack's cost and ownership tags. */
    static Provider awsProvider(String name, String region, StackSettings settings) {
        return new Provider(name, ProviderArgs.builder()
                .region(region)
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(settings.defaultTags()).build())
                .build(), CustomResourceOptions.builder().build());
    }
}
