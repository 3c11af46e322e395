package com.multiship.platform;

import com.multiship.platform.alerting.AlertTopic;
import com.multiship.platform.alerting.AlertTopicArgs;
import com.multiship.platform.cluster.Cluster;
import com.multiship.platform.cluster.ClusterArgs;
import com.multiship.platform.config.StackConfig;
import com.multiship.platform.config.StackSettings;
import com.multiship.platform.database.Database;
import com.multiship.platform.database.DatabaseAlarms;
import com.multiship.platform.database.DatabaseAlarmsArgs;
import com.multiship.platform.database.DatabaseArgs;
import com.multiship.platform.database.Recovery;
import com.multiship.platform.database.RecoveryArgs;
import com.multiship.platform.network.Network;
import com.multiship.platform.network.NetworkArgs;
import com.multiship.platform.secrets.InClusterSecrets;
import com.multiship.platform.secrets.InClusterSecretsArgs;
import com.multiship.platform.secrets.ServiceSecrets;
import com.multiship.platform.secrets.ServiceSecretsArgs;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

        var alerts = new AlertTopic("alerts", new AlertTopicArgs(clusterName + "-alerts", settings.alerts().emails()), inRegion);

        var db = settings.database();
        var recoveryProvider = db.recoveryRegion().map(region -> awsProvider("aws-" + region, region, settings));
        var database = new Database("database", new DatabaseArgs(clusterName, db, network.vpcId(), network.privateSubnetIds(),
                cluster.clusterSecurityGroupId(), settings.cluster().logRetentionDays(), protect), inRegion);
        new Recovery("database-recovery", new RecoveryArgs(clusterName, db, database.arn(), database.subnetGroupName(),
                database.securityGroupId(), recoveryProvider, protect), inRegion);
        new DatabaseAlarms("database-alarms", new DatabaseAlarmsArgs(clusterName, db, database.identifier(),
                database.replicaIdentifier(), alerts.topicArn()), inRegion);

        var secretPrefix = "multiship/" + settings.stack();
        var secrets = new ServiceSecrets("secrets", new ServiceSecretsArgs(secretPrefix, settings.services(),
                cluster.oidcProviderArn(), cluster.oidcIssuerUrl(), database.address(), database.port(), db.databaseName(),
                database.arn(), database.resourceId(), protect ? 30 : 7, protect), inRegion);
        // after: the services' namespaces and service accounts; wired when the workloads branch is merged.
        new InClusterSecrets("in-cluster-secrets", new InClusterSecretsArgs(secretPrefix, settings.region(),
                settings.services(), List.of()), ComponentResourceOptions.builder().providers(cluster.kubernetesProvider()).build());

        ctx.export("vpcId", network.vpcId());
        ctx.export("privateSubnetIds", network.privateSubnetIds());
        ctx.export("publicSubnetIds", network.publicSubnetIds());
        ctx.export("clusterName", cluster.clusterName());
        ctx.export("kubeconfig", cluster.kubeconfig().asSecret());
        ctx.export("oidcProviderArn", cluster.oidcProviderArn());
        ctx.export("alertTopicArn", alerts.topicArn());
        ctx.export("databaseEndpoint", database.address());
        ctx.export("databasePort", database.port());
        ctx.export("databaseMasterSecretArn", database.masterSecretArn());
        ctx.export("serviceSecretArns", byName(secrets.secretArns()));
        ctx.export("serviceRoleArns", byName(secrets.roleArns()));
    }

    /** One output of a map of outputs, keys in order. */
    static Output<Map<String, String>> byName(Map<String, Output<String>> outputs) {
        var names = List.copyOf(outputs.keySet());
        return Output.all(List.copyOf(outputs.values())).applyValue(values -> {
            var map = new TreeMap<String, String>();
            for (int i = 0; i < names.size(); i++) {
                map.put(names.get(i), values.get(i));
            }
            return map;
        });
    }

    /** An explicit AWS provider: every AWS resource names its region, and carries the stack's cost and ownership tags. */
    static Provider awsProvider(String name, String region, StackSettings settings) {
        return new Provider(name, ProviderArgs.builder()
                .region(region)
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(settings.defaultTags()).build())
                .build(), CustomResourceOptions.builder().build());
    }
}
