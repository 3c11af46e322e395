package com.multiship.platform.traffic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.testing.PlanChanges;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static com.multiship.platform.testing.Edits.at;
import static com.multiship.platform.testing.Edits.release;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceReleaseTest {
    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    private static final String HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
    private static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    private static final Map<String, Plan> PLANS = new HashMap<>();

    @BeforeAll
    static void plans() {
        Stacks.ALL.forEach(stack -> PLANS.put(stack, Stacks.plan(stack)));
    }

    @Test
    void aDeploymentForEachColourThatHasAnImage() {
        var production = PLANS.get("production");
        assertThat(production.ofType(DEPLOYMENT)).extracting(d -> d.input("metadata.name").asText()).containsExactlyInAnyOrder(
                "api-gateway-green", "auth-service-blue", "catalog-service-blue", "notification-service-green",
                "order-service-blue", "order-service-green", "user-service-blue");
        var green = production.resource(DEPLOYMENT, "release-order-service-green");
        assertThat(green.input("metadata.namespace").asText()).isEqualTo("order-service");
        assertThat(green.input("spec.template.spec.containers.0.image").asText())
                .isEqualTo(production.output("aws:ecr/repository:Repository", "registry-order-service", "repositoryUrl") + ":v2.2.0");
        assertThat(green.input("spec.selector.matchLabels").toString()).isEqualTo("{\"app\":\"order-service\",\"colour\":\"green\"}");
        assertThat(green.input("spec.template.metadata.labels").toString())
                .isEqualTo("{\"app\":\"order-service\",\"colour\":\"green\",\"version\":\"v2.2.0\"}");
        assertThat(green.provider()).contains("pulumi:providers:kubernetes::cluster-k8s");
    }

    @Test
    void aColourWithZeroReplicasKeepsItsTagButIsNotDeployed() {
        var plan = Stacks.plan("staging", cfg -> ((ObjectNode) release(cfg, "order-service").get("blue")).put("replicas", 0));
        assertThat(plan.ofType(DEPLOYMENT)).noneMatch(d -> d.name().equals("release-order-service-blue"));
        assertThat(plan.ofType(HPA)).noneMatch(d -> d.name().equals("release-order-service-blue-autoscaler"));
        // and the header route, which went to the old colour, is gone
        assertThat(plan.resource(Routes.VIRTUAL_SERVICE, "release-order-service-virtual-service").input("spec.http").toString())
                .doesNotContain("canary-header").doesNotContain("\"blue\"");
    }

    @Test
    void theAutoscalerOwnsTheReplicaCount() {
        var production = PLANS.get("production");
        assertThat(production.ofType(DEPLOYMENT)).allMatch(d -> d.input("spec.replicas").isMissingNode());
        var hpa = production.resource(HPA, "release-order-service-blue-autoscaler").input("spec");
        assertThat(hpa.path("scaleTargetRef").toString()).isEqualTo("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"order-service-blue\"}");
        assertThat(hpa.path("minReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.path("maxReplicas").asInt()).isEqualTo(6);
        assertThat(hpa.path("metrics").toString()).isEqualTo("[{\"containerResource\":{\"container\":\"order-service\",\"name\":\"cpu\","
                + "\"target\":{\"averageUtilization\":70,\"type\":\"Utilization\"}},\"type\":\"ContainerResource\"}]");
        // default maximum: twice the replicas
        assertThat(PLANS.get("dev").resource(HPA, "release-catalog-service-green-autoscaler").input("spec.maxReplicas").asInt()).isEqualTo(2);
        // a rollout starts the new pod before it stops an old one: a single-replica colour (dev) is never down
        for (var plan : PLANS.values()) {
            plan.ofType(DEPLOYMENT).forEach(d -> assertThat(d.input("spec.strategy.rollingUpdate").toString()).as(d.name())
                    .isEqualTo("{\"maxSurge\":1,\"maxUnavailable\":0}"));
        }
    }

    @Test
    void podsRunRestrictedWithAWritableTmp() {
        var pod = PLANS.get("production").resource(DEPLOYMENT, "release-catalog-service-blue").input("spec.template.spec");
        assertThat(pod.path("securityContext").toString()).isEqualTo("{\"fsGroup\":1000,\"runAsGroup\":1000,\"runAsNonRoot\":true,"
                + "\"runAsUser\":1000,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}");
        var container = pod.path("containers").get(0);
        assertThat(container.path("securityContext").toString()).isEqualTo("{\"allowPrivilegeEscalation\":false,"
                + "\"capabilities\":{\"drop\":[\"ALL\"]},\"readOnlyRootFilesystem\":true,\"runAsGroup\":1000,\"runAsNonRoot\":true,"
                + "\"runAsUser\":1000,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}");
        assertThat(container.path("volumeMounts").toString()).isEqualTo("[{\"mountPath\":\"/tmp\",\"name\":\"tmp\"}]");
        assertThat(pod.path("volumes").toString()).isEqualTo("[{\"emptyDir\":{\"sizeLimit\":\"256Mi\"},\"name\":\"tmp\"}]");
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("catalog-service");
        assertThat(container.path("resources").toString())
                .isEqualTo("{\"limits\":{\"cpu\":\"500m\",\"memory\":\"1Gi\"},\"requests\":{\"cpu\":\"200m\",\"memory\":\"512Mi\"}}");
    }

    @Test
    void probesHaveTheRequirementsTimings() {
        var container = PLANS.get("dev").resource(DEPLOYMENT, "release-order-service-green").input("spec.template.spec.containers.0");
        assertThat(container.path("livenessProbe").toString()).isEqualTo("{\"failureThreshold\":3,\"httpGet\":{\"path\":\"/health\","
                + "\"port\":\"http\"},\"initialDelaySeconds\":30,\"periodSeconds\":10}");
        assertThat(container.path("readinessProbe").toString()).isEqualTo("{\"failureThreshold\":3,\"httpGet\":{\"path\":\"/ready\","
                + "\"port\":\"http\"},\"initialDelaySeconds\":5,\"periodSeconds\":5}");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/startup");
        assertThat(container.path("ports").toString()).isEqualTo("[{\"containerPort\":8080,\"name\":\"http\",\"protocol\":\"TCP\"}]");
    }

    @Test
    void secretsComeFromTheServicesSecretAndSettingsFromItsConfigMap() {
        var container = PLANS.get("production").resource(DEPLOYMENT, "release-order-service-blue").input("spec.template.spec.containers.0");
        assertThat(container.path("env").toString()).isEqualTo("["
                + "{\"name\":\"DATABASE_URL\",\"valueFrom\":{\"secretKeyRef\":{\"key\":\"database-url\",\"name\":\"order-service-secrets\"}}},"
                + "{\"name\":\"PAYMENT_GATEWAY_API_KEY\",\"valueFrom\":{\"secretKeyRef\":{\"key\":\"payment-gateway-api-key\",\"name\":\"order-service-secrets\"}}},"
                + "{\"name\":\"SIGNING_KEY\",\"valueFrom\":{\"secretKeyRef\":{\"key\":\"signing-key\",\"name\":\"order-service-secrets\"}}}]");
        assertThat(container.path("envFrom").toString()).isEqualTo("[{\"configMapRef\":{\"name\":\"order-service-config\"}}]");
        var gateway = PLANS.get("production").resource(DEPLOYMENT, "release-api-gateway-green").input("spec.template.spec.containers.0.env");
        assertThat(gateway.toString()).doesNotContain("DATABASE_URL").contains("SIGNING_KEY");
    }

    @Test
    void theConfigMapCarriesTheEnvironmentsLogLevelAndFlags() {
        assertThat(PLANS.get("dev").resource(CONFIG_MAP, "release-order-service-config").input("data").toString()).isEqualTo(
                "{\"ENVIRONMENT\":\"dev\",\"FEATURE_EXPERIMENTAL_ROUTE_OPTIMIZER\":\"true\",\"FEATURE_SPLIT_SHIPMENTS\":\"true\","
                        + "\"LOG_LEVEL\":\"debug\",\"PORT\":\"8080\",\"SERVICE_NAME\":\"order-service\"}");
        assertThat(PLANS.get("staging").resource(CONFIG_MAP, "release-order-service-config").input("data.LOG_LEVEL").asText()).isEqualTo("info");
        var production = PLANS.get("production").resource(CONFIG_MAP, "release-order-service-config");
        assertThat(production.input("data.LOG_LEVEL").asText()).isEqualTo("warn");
        assertThat(production.input("data.FEATURE_EXPERIMENTAL_ROUTE_OPTIMIZER").asText()).isEqualTo("false");
        assertThat(production.input("metadata.name").asText()).isEqualTo("order-service-config");
    }

    @Test
    void oneServiceOverBothColoursAndOneDisruptionBudget() {
        var production = PLANS.get("production");
        var service = production.resource("kubernetes:core/v1:Service", "release-order-service-service").input("spec");
        assertThat(service.path("selector").toString()).isEqualTo("{\"app\":\"order-service\"}");
        assertThat(service.path("ports").toString()).isEqualTo("[{\"appProtocol\":\"http\",\"name\":\"http\",\"port\":8080,"
                + "\"protocol\":\"TCP\",\"targetPort\":\"http\"}]");
        var budget = production.resource("kubernetes:policy/v1:PodDisruptionBudget", "release-order-service-disruption-budget").input("spec");
        assertThat(budget.toString()).isEqualTo("{\"maxUnavailable\":1,\"selector\":{\"matchLabels\":{\"app\":\"order-service\"}}}");
    }

    @Test
    void theDestinationRuleHasASubsetPerColour() {
        var rule = PLANS.get("production").resource(Routes.DESTINATION_RULE, "release-order-service-destination-rule");
        assertThat(rule.input("apiVersion").asText()).isEqualTo("networking.istio.io/v1");
        assertThat(rule.input("kind").asText()).isEqualTo("DestinationRule");
        assertThat(rule.input("spec").toString()).isEqualTo("{\"host\":\"order-service.order-service.svc.cluster.local\",\"subsets\":["
                + "{\"labels\":{\"colour\":\"blue\"},\"name\":\"blue\"},{\"labels\":{\"colour\":\"green\"},\"name\":\"green\"}]}");
    }

    @Test
    void theVirtualServiceSendsTheCanaryHeaderToTheCanaryAndSplitsTheRest() {
        var service = PLANS.get("production").resource(Routes.VIRTUAL_SERVICE, "release-order-service-virtual-service");
        assertThat(service.input("apiVersion").asText()).isEqualTo("networking.istio.io/v1");
        assertThat(service.input("spec.hosts").toString()).isEqualTo("[\"order-service.order-service.svc.cluster.local\"]");
        assertThat(service.input("spec.gateways").toString()).isEqualTo("[\"mesh\"]");
        var header = service.input("spec.http.0");
        assertThat(header.path("match").toString()).isEqualTo("[{\"gateways\":[\"mesh\"],\"headers\":{\"canary\":{\"exact\":\"true\"}}}]");
        assertThat(header.path("route").get(0).path("destination").path("subset").asText()).isEqualTo("green");
        var weighted = service.input("spec.http.1.route");
        assertThat(weighted).extracting(r -> r.path("destination").path("subset").asText() + "=" + r.path("weight").asInt())
                .containsExactly("blue=90", "green=10");
        // it waits for both colours' Deployments
        var plan = PLANS.get("production");
        assertThat(service.dependencies()).contains(plan.resource(DEPLOYMENT, "release-order-service-blue").urn(),
                plan.resource(DEPLOYMENT, "release-order-service-green").urn());
    }

    @Test
    void aSingleColourServiceHasNoHeaderRoute() {
        var http = PLANS.get("production").resource(Routes.VIRTUAL_SERVICE, "release-catalog-service-virtual-service").input("spec.http");
        assertThat(http.toString()).isEqualTo("[{\"name\":\"weighted\",\"route\":[{\"destination\":{\"host\":"
                + "\"catalog-service.catalog-service.svc.cluster.local\",\"port\":{\"number\":8080},\"subset\":\"blue\"},\"weight\":100}]}]");
    }

    @Test
    void theApiGatewayIsBoundToTheIngressGatewayAtTheStacksHost() {
        var hosts = Map.of("dev", "api.dev.multiship.com", "staging", "api.staging.multiship.com", "production", "api.multiship.com");
        hosts.forEach((stack, host) -> {
            var spec = PLANS.get(stack).resource(Routes.VIRTUAL_SERVICE, "release-api-gateway-virtual-service").input("spec");
            assertThat(spec.path("hosts").toString()).isEqualTo("[\"" + host + "\",\"api-gateway.infrastructure.svc.cluster.local\"]");
            assertThat(spec.path("gateways").toString()).isEqualTo("[\"istio-ingress/api-gateway\",\"mesh\"]");
        });
    }

    @Test
    void theInternetCannotChooseTheCanary() {
        // The ingress service with a canary: green stable, blue deployed as the canary with the header route.
        var plan = Stacks.plan("production", cfg -> release(cfg, "api-gateway").putObject("blue").put("image", "v3.5.0"));
        var spec = plan.resource(Routes.VIRTUAL_SERVICE, "release-api-gateway-virtual-service").input("spec");
        assertThat(spec.path("gateways").toString()).isEqualTo("[\"istio-ingress/api-gateway\",\"mesh\"]");
        var header = spec.path("http").get(0);
        assertThat(header.path("name").asText()).isEqualTo("canary-header");
        // the header route applies to in-mesh callers only, whatever the VirtualService's gateways
        assertThat(header.path("match").toString()).isEqualTo("[{\"gateways\":[\"mesh\"],\"headers\":{\"canary\":{\"exact\":\"true\"}}}]");
        // and what the edge sends on loses the header, so the entry service cannot carry it to a canary further in
        var weighted = spec.path("http").get(1);
        assertThat(weighted.path("name").asText()).isEqualTo("weighted");
        assertThat(weighted.path("headers").toString()).isEqualTo("{\"request\":{\"remove\":[\"canary\"]}}");
        // every stack: no route that the ingress gateway applies matches on a header
        for (var stackPlan : PLANS.values()) {
            for (var vs : stackPlan.ofType(Routes.VIRTUAL_SERVICE)) {
                var topLevel = vs.input("spec.gateways");
                for (var route : vs.input("spec.http")) {
                    for (var match : route.path("match")) {
                        var gateways = match.has("gateways") ? match.path("gateways") : topLevel;
                        assertThat(gateways.toString()).as(vs.name() + " " + route.path("name").asText())
                                .doesNotContain(Routes.INGRESS_GATEWAY);
                    }
                }
            }
        }
    }

    @Test
    void aCanaryStepChangesOnlyTheVirtualService() {
        var after = Stacks.plan("production", cfg -> release(cfg, "order-service").put("canaryWeight", 25));
        assertThat(PlanChanges.between(PLANS.get("production"), after)).containsExactly("release-order-service-virtual-service");
        assertThat(after.resource(Routes.VIRTUAL_SERVICE, "release-order-service-virtual-service").input("spec.http.1.route"))
                .extracting(r -> r.path("weight").asInt()).containsExactly(75, 25);
    }

    @Test
    void theBlueGreenSwitchAndTheRollbackChangeOnlyTheVirtualService() {
        var atHundred = Stacks.plan("production", cfg -> release(cfg, "order-service").put("canaryWeight", 100));
        var switched = Stacks.plan("production", cfg -> release(cfg, "order-service").put("stable", "green").put("canaryWeight", 0));
        assertThat(PlanChanges.between(atHundred, switched)).containsExactly("release-order-service-virtual-service");
        assertThat(switched.resource(Routes.VIRTUAL_SERVICE, "release-order-service-virtual-service").input("spec.http.0.route.0.destination.subset")
                .asText()).isEqualTo("blue");
        var rolledBack = Stacks.plan("production", cfg -> release(cfg, "order-service").put("canaryWeight", 0));
        assertThat(PlanChanges.between(PLANS.get("production"), rolledBack)).containsExactly("release-order-service-virtual-service");
    }

    @Test
    void aNewImageOnTheIdleColourChangesOnlyThatColoursDeployment() {
        var after = Stacks.plan("production", cfg -> ((ObjectNode) release(cfg, "order-service").get("green")).put("image", "v2.2.1"));
        assertThat(PlanChanges.between(PLANS.get("production"), after)).containsExactly("release-order-service-green");
    }

    @Test
    void aConfigurationChangeRollsBothColoursThroughTheConfigHash() {
        var after = Stacks.plan("production", cfg -> at(cfg, "services", "order-service", "config").put("logLevel", "info"));
        assertThat(PlanChanges.between(PLANS.get("production"), after)).containsExactly(
                "release-order-service-blue", "release-order-service-config", "release-order-service-green");
    }

    @Test
    void deployingTheIdleColourAddsItsPodsAndAZeroWeightRoute() {
        var after = Stacks.plan("production", cfg -> release(cfg, "catalog-service").putObject("green").put("image", "v1.9.0"));
        assertThat(PlanChanges.between(PLANS.get("production"), after)).containsExactly(
                "+release-catalog-service-green", "+release-catalog-service-green-autoscaler",
                "release-catalog-service-virtual-service");
        var http = after.resource(Routes.VIRTUAL_SERVICE, "release-catalog-service-virtual-service").input("spec.http");
        assertThat(http.get(0).path("name").asText()).isEqualTo("canary-header");
        assertThat(http.get(1).path("route")).extracting(r -> r.path("destination").path("subset").asText() + "=" + r.path("weight").asInt())
                .containsExactly("blue=100", "green=0");
    }

    @Test
    void aReplicaChangeTouchesOnlyTheAutoscaler() {
        // (4 replicas of the order service's blue would not fit its quota next to green's 3)
        var after = Stacks.plan("production", cfg -> ((ObjectNode) release(cfg, "catalog-service").get("blue")).put("replicas", 4));
        assertThat(PlanChanges.between(PLANS.get("production"), after)).containsExactly("release-catalog-service-blue-autoscaler");
    }
}
