package com.multiship.platform;

import com.multiship.platform.alerting.AlertTopic;
import com.multiship.platform.alerting.AlertTopicArgs;
import com.multiship.platform.cluster.Cluster;
import com.multiship.platform.cluster.ClusterArgs;
import com.multiship.platform.config.StackConfig;
import com.multiship.platform.config.Environment;
import com.multiship.platform.config.StackSettings;
import com.multiship.platform.mesh.Mesh;
import com.multiship.platform.mesh.MeshArgs;
import com.multiship.platform.edge.AccessLogs;
import com.multiship.platform.edge.AccessLogsArgs;
import com.multiship.platform.edge.AssetBucket;
import com.multiship.platform.edge.AssetBucketArgs;
import com.multiship.platform.edge.Distribution;
import com.multiship.platform.edge.DistributionArgs;
import com.multiship.platform.edge.Domain;
import com.multiship.platform.edge.DomainArgs;
import com.multiship.platform.edge.WebFirewall;
import com.multiship.platform.edge.WebFirewallArgs;
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

import java.util.Optional;
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
        // CloudFront takes certificates, web ACLs and log delivery sources only from us-east-1, whatever the stack's region.
        var edgeAws = awsProvider("aws-edge", StackSettings.EDGE_REGION, settings);
        var atEdge = ComponentResourceOptions.builder().providers(edgeAws).build();

        var network = new Network("network", new NetworkArgs(settings.network(), clusterName), inRegion);
        var cluster = new Cluster("cluster", new ClusterArgs(clusterName, settings.region(), settings.cluster(),
                network.privateSubnetIds(), protect), inRegion);
        var inCluster = ComponentResourceOptions.builder().providers(cluster.kubernetesProvider()).build();
        var mesh = new Mesh("mesh", new MeshArgs(settings.mesh(), protect, settings.cluster().kubernetesVersion()), inCluster);

        var edge = settings.edge();
        var edgePrefix = clusterName + "-assets";
        boolean disposable = settings.environment() == Environment.DEV;
        var assets = new AssetBucket("assets", new AssetBucketArgs(edgePrefix + "-",
                edge.noncurrentVersionExpirationDays(), protect, disposable), inRegion);
        var customDomain = edge.domainName().map(domainName -> {
            var zoneId = edge.hostedZoneId().orElseThrow();
            var domain = new Domain("assets-domain", new DomainArgs(domainName, zoneId), atEdge);
            return new DistributionArgs.CustomDomain(domainName, zoneId, domain.certificateArn());
        });
        Optional<Output<String>> webAclArn = edge.webAcl()
                ? Optional.of(new WebFirewall("assets-firewall", new WebFirewallArgs(edgePrefix,
                        edge.rateLimitPer5Minutes()), atEdge).webAclArn())
                : Optional.empty();
        var cdn = new Distribution("assets-cdn", new DistributionArgs(edgePrefix, assets, customDomain, webAclArn,
                edge.priceClass().id(), edge.spaFallback()), inRegion);
        new AccessLogs("assets-logs", new AccessLogsArgs(edgePrefix, cdn.arn(), edge.accessLogExpirationDays(),
                protect, disposable), atEdge);

        var alerts = new AlertTopic("alerts", new AlertTopicArgs(clusterName + "-alerts", settings.alerts().emails()), inRegion);

        var db = settings.database();
        var recoveryProvider = db.recoveryRegion().map(region -> awsProvider("aws-" + region, region, settings));
        var database = new Database("database", new DatabaseArgs(clusterName, db, network.vpcId(), network.privateSubnetIds(),
                cluster.clusterSecurityGroupId(), db.logRetentionDays(), protect), inRegion);
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
        ctx.export("apiHost", Output.of(settings.mesh().apiHost()));
        ctx.export("assetsBucketName", assets.bucketName());
        ctx.export("assetsDistributionId", cdn.distributionId());
        ctx.export("assetsDistributionDomain", cdn.domainName());
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
