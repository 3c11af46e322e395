package com.multiship.platform.observability;

import com.pulumi.aws.cloudwatch.Dashboard;
import com.pulumi.aws.cloudwatch.DashboardArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;
import java.util.Optional;

/**
 * The stack's dashboards, declared as code: a CloudWatch dashboard (applied by {@code pulumi up}) for what AWS measures,
 * and the Grafana dashboard of the services per colour as a ConfigMap labelled {@code grafana_dashboard: "1"} in the
 * {@code monitoring} namespace, which a Grafana dashboard sidecar loads, or an operator imports into Amazon Managed
 * Grafana (this program declares no Grafana: no Grafana provider is available to it).
 */
public final class Dashboards extends ComponentResource {
    public static final String CONFIG_MAP = "multiship-dashboards";

    public Dashboards(String name, DashboardsArgs args, ComponentResourceOptions options) {
        super("platform:observability:Dashboards", name, null, options);
        var replica = args.replicaIdentifier().map(o -> o.applyValue(Optional::of))
                .orElse(Output.of(Optional.<String>empty()));
        new Dashboard(name + "-cloudwatch", DashboardArgs.builder()
                .dashboardName(args.prefix())
                .dashboardBody(Output.tuple(args.databaseIdentifier(), replica).applyValue(t ->
                        CloudWatchDashboard.body(args.region(), args.stack(), t.t1, t.t2, args.topicName())))
                .build(), CustomResourceOptions.builder().parent(this).build());
        var grafana = GrafanaDashboard.of(args.stack(), args.services(), args.thresholds());
        new ConfigMap(name + "-grafana", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(CONFIG_MAP).namespace(MonitoringNamespace.NAME)
                        .labels(Map.of("grafana_dashboard", "1", "app.kubernetes.io/managed-by", "pulumi")).build())
                .data(Map.of(GrafanaDashboard.uid(args.stack()) + ".json", grafana.toPrettyString()))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(args.namespace()).build());
        registerOutputs(Map.of());
    }
}
