package com.multiship.platform;

import com.multiship.platform.alerting.AlertTopic;
import com.multiship.platform.alerting.AlertTopicArgs;
import com.multiship.platform.cluster.Cluster;
import com.multiship.platform.cluster.ClusterArgs;
import com.multiship.platform.config.Environment;
import com.multiship.platform.config.StackConfig;
import com.multiship.platform.config.StackSettings;
import com.multiship.platform.database.Database;
import com.multiship.platform.database.DatabaseAlarms;
import com.multiship.platform.database.DatabaseAlarmsArgs;
import com.multiship.platform.database.DatabaseArgs;
import com.multiship.platform.database.Recovery;
import com.multiship.platform.database.RecoveryArgs;
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
import com.multiship.platform.logging.LogKey;
import com.multiship.platform.logging.LogStorage;
import com.multiship.platform.mesh.Mesh;
import com.multiship.platform.mesh.MeshArgs;
import com.multiship.platform.network.Endpoints;
import com.multiship.platform.network.EndpointsArgs;
import com.multiship.platform.network.Network;
import com.multiship.platform.observability.AlertRouting;
import com.multiship.platform.observability.AlertRoutingArgs;
import com.multiship.platform.observability.AlertRules;
import com.multiship.platform.observability.Collector;
import com.multiship.platform.observability.CollectorArgs;
import com.multiship.platform.observability.Dashboards;
import com.multiship.platform.observability.DashboardsArgs;
import com.multiship.platform.observability.GrafanaDashboard;
import com.multiship.platform.observability.MetricsStore;
import com.multiship.platform.observability.MetricsStoreArgs;
import com.multiship.platform.observability.MonitoringNamespace;
import com.multiship.platform.network.NetworkArgs;
import com.multiship.platform.registry.Registry;
import com.multiship.platform.registry.RegistryArgs;
import com.multiship.platform.secrets.InClusterSecrets;
import com.multiship.platform.secrets.InClusterSecretsArgs;
import com.multiship.platform.secrets.ServiceSecrets;
import com.multiship.platform.secrets.ServiceSecretsArgs;
import com.multiship.platform.tenancy.Tenancy;
import com.multiship.platform.tenancy.TenancyArgs;
import com.multiship.platform.traffic.ServiceAuthorization;
import com.multiship.platform.traffic.ServiceAuthorizationArgs;
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
import java.util.Optional;
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

        // Providers: the stack's region; us-east-1 for what CloudFront needs there; the recovery region if any.
        var aws = awsProvider("aws-" + settings.region(), settings.region(), settings);
        var inRegion = ComponentResourceOptions.builder().providers(aws).build();
        var atEdge = ComponentResourceOptions.builder()
                .providers(awsProvider("aws-edge", StackSettings.EDGE_REGION, settings)).build();
        var db = settings.database();
        var recoveryProvider = db.recoveryRegion().map(region -> awsProvider("aws-" + region, region, settings));

        // The key of the log groups (audit log, statement text, flow records); network and cluster.
        var logs = new LogStorage(new LogKey("log-key", clusterName, settings.region(), protect, inRegion).arn(), protect);
        var network = new Network("network", new NetworkArgs(settings.network(), clusterName, settings.region(), logs), inRegion);
        var endpoints = new Endpoints("endpoints", new EndpointsArgs(settings.region(), settings.network().zones(),
                network.vpcId(), network.vpcCidr(), network.privateRouteTableIds()), inRegion);
        var cluster = new Cluster("cluster", new ClusterArgs(clusterName, settings.region(), settings.cluster(),
                network.privateSubnetIds(), network.deployerSecurityGroupId(), settings.environment().isProduction(),
                settings.stackFile(), protect, logs), inRegion);
        var inCluster = ComponentResourceOptions.builder().providers(cluster.kubernetesProvider()).build();
        // The API's certificate: ACM in the stack's region (where its load balancer is), validated in the host's zone.
        var apiDomain = new Domain("api-domain", new DomainArgs(settings.mesh().apiHost(), settings.mesh().apiHostedZoneId()),
                inRegion);
        var mesh = new Mesh("mesh", new MeshArgs(settings.mesh(), protect, settings.cluster().kubernetesVersion(),
                network.vpcCidr(), settings.services(), settings.cluster().maxNodesDuringUpdate(settings.network().zones().size()),
                apiDomain.certificateArn()), inCluster);

        // Database, its recovery and its alarms.
        var alertTopicName = clusterName + "-alerts";
        var alerts = new AlertTopic("alerts", new AlertTopicArgs(alertTopicName, settings.alerts().emails()), inRegion);
        var database = new Database("database", new DatabaseArgs(clusterName, db, network.vpcId(), network.privateSubnetIds(),
                cluster.clusterSecurityGroupId(), db.logRetentionDays(), settings.region(), settings.stackFile(), protect, logs),
                inRegion);
        new Recovery("database-recovery", new RecoveryArgs(clusterName, db, database.arn(), database.subnetGroupName(),
                database.securityGroupId(), recoveryProvider, protect), inRegion);
        new DatabaseAlarms("database-alarms", new DatabaseAlarmsArgs(clusterName, db, database.identifier(),
                database.replicaIdentifier(), alerts.topicArn()), inRegion);

        // Services: secrets and IAM roles, registries, namespaces, secret sync, then each service's release.
        var secretPrefix = "multiship/" + settings.stack();
        var secrets = new ServiceSecrets("secrets", new ServiceSecretsArgs(secretPrefix, settings.services(),
                cluster.oidcProviderArn(), cluster.oidcIssuerUrl(), database.address(), database.port(), db.databaseName(),
                database.arn(), database.resourceId(), protect ? 30 : 7, protect), inRegion);
        var serviceNames = settings.services().stream().map(s -> s.name()).toList();
        var registry = new Registry("registry", new RegistryArgs(serviceNames, settings.registry(), settings.environment()), inRegion);
        var tenancy = new Tenancy("tenancy", new TenancyArgs(settings.namespaces(), settings.services(),
                network.vpcCidr(), secrets.roleArns(), endpoints.cidrs()), inCluster);
        var tenants = new ArrayList<Resource>(tenancy.namespaces());
        tenants.addAll(tenancy.serviceAccounts().values());
        var secretSync = new InClusterSecrets("in-cluster-secrets", new InClusterSecretsArgs(secretPrefix, settings.region(),
                settings.services(), List.copyOf(tenants), network.vpcCidr(), endpoints.cidrs()), inCluster);
        var meshed = new ArrayList<Resource>(tenancy.namespaces());
        meshed.addAll(mesh.ready());
        new ServiceAuthorization("authorization", new ServiceAuthorizationArgs(settings.services(), List.copyOf(meshed)), inCluster);
        for (var service : settings.services()) {
            var after = new ArrayList<Resource>(tenants);
            after.add(secretSync);
            after.addAll(mesh.ready());
            new ServiceRelease("release-" + service.name(), new ServiceReleaseArgs(service, settings.environment(),
                    registry.repositoryUrls().get(service.name()), settings.mesh().apiHost(), List.copyOf(after)), inCluster);
        }

        // Observability: the metrics store, the in-cluster collector, alerts routed to the alert topic, dashboards.
        var obs = settings.observability();
        var inRegionAndCluster = ComponentResourceOptions.builder().providers(aws, cluster.kubernetesProvider()).build();
        var metrics = new MetricsStore("metrics", new MetricsStoreArgs(clusterName, obs.retentionDays(), protect ? 365 : 30,
                protect), inRegion);
        var serviceNamespaces = settings.services().stream().map(s -> s.namespace()).distinct().sorted().toList();
        // Its scrape rules go into the service namespaces and istio-ingress: after the tenancy and the mesh.
        var monitored = new ArrayList<Resource>(tenancy.namespaces());
        monitored.add(mesh);
        var monitoring = new MonitoringNamespace("monitoring", serviceNamespaces, network.vpcCidr(), endpoints.cidrs(), List.copyOf(monitored),
                inCluster);
        new Collector("metrics-collector", new CollectorArgs(clusterName, settings.stack(), settings.region(), obs,
                serviceNamespaces, metrics.arn(), metrics.prometheusEndpoint(), cluster.oidcProviderArn(),
                cluster.oidcIssuerUrl(), monitoring, protect), inRegionAndCluster);
        var ingress = settings.services().stream().filter(s -> s.ingress()).findFirst()
                .map(s -> new AlertRules.Ingress(s.name(), s.namespace()));
        new AlertRouting("alert-routing", new AlertRoutingArgs(clusterName, settings.stack(), settings.region(), obs,
                new AlertRules.Input(serviceNamespaces, ingress, obs.level(), obs.thresholds(), obs.scrapeIntervalSeconds()),
                metrics.workspaceId(), metrics.arn(), alerts.topicArn(), database.identifier()), inRegion);
        new Dashboards("dashboards", new DashboardsArgs(clusterName, settings.stack(), settings.region(),
                settings.services().stream().map(s -> new GrafanaDashboard.Service(s.name(), s.namespace())).toList(),
                obs.thresholds(), database.identifier(), database.replicaIdentifier(), alertTopicName, monitoring),
                inRegionAndCluster);

        var assets = staticAssets(settings, clusterName + "-assets", protect, inRegion, atEdge);

        ctx.export("vpcId", network.vpcId());
        ctx.export("privateSubnetIds", network.privateSubnetIds());
        ctx.export("publicSubnetIds", network.publicSubnetIds());
        ctx.export("deployerSecurityGroupId", network.deployerSecurityGroupId());
        ctx.export("clusterName", cluster.clusterName());
        ctx.export("kubeconfig", cluster.kubeconfig().asSecret());
        ctx.export("oidcProviderArn", cluster.oidcProviderArn());
        ctx.export("apiHost", Output.of(settings.mesh().apiHost()));
        ctx.export("imageRepositories", registry.repositoryUrlMap());
        ctx.export("assetsBucketName", assets.bucket().bucketName());
        ctx.export("assetsDistributionId", assets.distribution().distributionId());
        ctx.export("assetsDistributionDomain", assets.distribution().domainName());
        ctx.export("alertTopicArn", alerts.topicArn());
        ctx.export("prometheusWorkspaceArn", metrics.arn());
        ctx.export("prometheusEndpoint", metrics.prometheusEndpoint());
        ctx.export("databaseEndpoint", database.address());
        ctx.export("databasePort", database.port());
        ctx.export("databaseMasterSecretArn", database.masterSecretArn());
        ctx.export("serviceSecretArns", byName(secrets.secretArns()));
        ctx.export("serviceRoleArns", byName(secrets.roleArns()));
    }

    private record StaticAssets(AssetBucket bucket, Distribution distribution) {}

    /** The web front end's assets: a private bucket behind CloudFront, with a domain and a web ACL where set. */
    private static StaticAssets staticAssets(StackSettings settings, String prefix, boolean protect,
                                             ComponentResourceOptions inRegion, ComponentResourceOptions atEdge) {
        var edge = settings.edge();
        boolean disposable = settings.environment() == Environment.DEV;
        var bucket = new AssetBucket("assets", new AssetBucketArgs(prefix + "-", edge.noncurrentVersionExpirationDays(),
                protect, disposable), inRegion);
        var customDomain = edge.domainName().map(domainName -> {
            var zoneId = edge.hostedZoneId().orElseThrow();
            var domain = new Domain("assets-domain", new DomainArgs(domainName, zoneId), atEdge);
            return new DistributionArgs.CustomDomain(domainName, zoneId, domain.certificateArn());
        });
        Optional<Output<String>> webAclArn = edge.webAcl()
                ? Optional.of(new WebFirewall("assets-firewall", new WebFirewallArgs(prefix, edge.rateLimitPer5Minutes()),
                        atEdge).webAclArn())
                : Optional.empty();
        var distribution = new Distribution("assets-cdn", new DistributionArgs(prefix, bucket, customDomain, webAclArn,
                edge.priceClass().id(), edge.spaFallback()), inRegion);
        new AccessLogs("assets-logs", new AccessLogsArgs(prefix, distribution.arn(), edge.accessLogExpirationDays(),
                protect, disposable), atEdge);
        return new StaticAssets(bucket, distribution);
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
