package com.multiship.platform.observability;

import com.multiship.platform.plan.PlannedResource;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus agent: pinned chart, IRSA role writing to this workspace only, jobs per level. */
class CollectorTest {
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    private static List<String> jobs(PlannedResource chart) {
        var names = new ArrayList<String>();
        chart.input("values").path("serverFiles").path("prometheus.yml").path("scrape_configs")
                .forEach(job -> names.add(job.path("job_name").asText()));
        return names;
    }

    @Test
    void chartIsPinnedAndRunsAsAnAgentWritingToTheWorkspace() {
        var plan = Stacks.plan("production");
        var chart = plan.resource(RELEASE, "metrics-collector-chart");
        assertThat(chart.input("chart").asText()).isEqualTo("prometheus");
        assertThat(chart.input("version").asText()).isEqualTo("29.27.0");
        assertThat(chart.input("repositoryOpts.repo").asText()).isEqualTo("https://prometheus-community.github.io/helm-charts");
        assertThat(chart.input("namespace").asText()).isEqualTo("monitoring");
        var values = chart.input("values");
        assertThat(values.path("server").path("defaultFlagsOverride").toString()).contains("\"--agent\"");
        // the override replaces the chart's whole argument list, extraFlags included (templates/deploy.yaml at
        // prometheus-29.27.0): without the flag the config reloader's POST /-/reload is refused
        assertThat(values.path("server").path("defaultFlagsOverride").toString()).contains("\"--web.enable-lifecycle\"");
        var remoteWrite = values.path("server").path("remoteWrite").get(0);
        assertThat(remoteWrite.path("url").asText()).matches(
                "https://aps-workspaces\\.us-east-1\\.amazonaws\\.com/workspaces/ws-[0-9a-f-]+/api/v1/remote_write");
        assertThat(remoteWrite.path("sigv4").path("region").asText()).isEqualTo("us-east-1");
        assertThat(values.path("alertmanager").path("enabled").asBoolean()).isFalse();
        assertThat(values.path("serverFiles").path("prometheus.yml").path("rule_files")).isEmpty();
        assertThat(values.path("serviceAccounts").path("server").path("annotations").path("eks.amazonaws.com/role-arn")
                .asText()).isEqualTo(plan.output("aws:iam/role:Role", "metrics-collector-role", "arn"));
    }

    @Test
    void roleIsAssumableOnlyByTheCollectorsServiceAccountAndWritesOnlyToTheWorkspace() {
        var plan = Stacks.plan("production");
        var trust = plan.resource("aws:iam/role:Role", "metrics-collector-role").input("assumeRolePolicy").asText();
        assertThat(trust).contains("\"system:serviceaccount:monitoring:prometheus-agent\"").contains("sts:AssumeRoleWithWebIdentity");
        var policy = plan.resource("aws:iam/rolePolicy:RolePolicy", "metrics-collector-remote-write").input("policy").asText();
        var workspaceArn = plan.outputs().path("prometheusWorkspaceArn").asText();
        assertThat(policy).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"aps:RemoteWrite\"],\"Resource\":[\"" + workspaceArn + "\"]}]}");
    }

    @Test
    void fullCollectsNodeDiskAndBasicDoesNot() {
        var production = Stacks.plan("production").resource(RELEASE, "metrics-collector-chart");
        assertThat(jobs(production)).containsExactly("istio-mesh", "kubelet-cadvisor", "kube-state-metrics", "node-exporter");
        assertThat(production.input("values").path("prometheus-node-exporter").path("enabled").asBoolean()).isTrue();
        assertThat(production.input("values").path("server").path("global").path("scrape_interval").asText()).isEqualTo("30s");
        var dev = Stacks.plan("dev").resource(RELEASE, "metrics-collector-chart");
        assertThat(jobs(dev)).containsExactly("istio-mesh", "kubelet-cadvisor", "kube-state-metrics");
        assertThat(dev.input("values").path("prometheus-node-exporter").path("enabled").asBoolean()).isFalse();
        assertThat(dev.input("values").path("server").path("global").path("scrape_interval").asText()).isEqualTo("60s");
    }

    @Test
    void meshJobScrapesTheSidecarsOfTheServiceNamespacesAndTheGateway() {
        var chart = Stacks.plan("production").resource(RELEASE, "metrics-collector-chart");
        var mesh = chart.input("values").path("serverFiles").path("prometheus.yml").path("scrape_configs").get(0);
        assertThat(mesh.path("kubernetes_sd_configs").get(0).path("namespaces").path("names").toString())
                .isEqualTo("[\"catalog-service\",\"infrastructure\",\"order-service\",\"shared-services\",\"istio-ingress\"]");
        assertThat(mesh.path("metric_relabel_configs").get(0).path("regex").asText())
                .contains("istio_requests_total").contains("istio_request_duration_milliseconds_(bucket|count|sum)");
    }

    @Test
    void chartWaitsForTheNamespaceAndTheWritePolicy() {
        var plan = Stacks.plan("dev");
        assertThat(plan.resource(RELEASE, "metrics-collector-chart").dependencies())
                .anyMatch(urn -> urn.endsWith("::monitoring-ns"))
                .anyMatch(urn -> urn.endsWith("::monitoring-allow-scrape"))
                .anyMatch(urn -> urn.endsWith("::metrics-collector-remote-write"));
    }

    @Test
    void theChartsDefaultScrapeJobsAreOffSoOnlyThePlatformsJobsRun() {
        for (var stack : com.multiship.platform.testing.Stacks.ALL) {
            var values = com.multiship.platform.testing.Stacks.plan(stack)
                    .resource("kubernetes:helm.sh/v3:Release", "metrics-collector-chart").input("values");
            var defaults = values.path("scrapeConfigs");
            assertThat(defaults.size()).as(stack).isEqualTo(10);
            for (var job : List.of("kubernetes-api-servers", "kubernetes-nodes", "kubernetes-nodes-cadvisor", "kubernetes-pods",
                    "kubernetes-pods-slow", "kubernetes-service-endpoints", "kubernetes-service-endpoints-slow",
                    "kubernetes-services", "prometheus", "prometheus-pushgateway")) {
                assertThat(defaults.path(job).path("enabled").isBoolean()).as(stack + " " + job).isTrue();
                assertThat(defaults.path(job).path("enabled").asBoolean()).as(stack + " " + job).isFalse();
            }
        }
    }
}
