package com.multiship.platform.tenancy;

import com.multiship.platform.config.NamespaceSettings;
import com.multiship.platform.config.StackConfig;
import com.multiship.platform.config.StackSettings;
import com.multiship.platform.plan.PlanMocks;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.plan.PlannedResource;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TenancyTest {
    private static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    private static final String POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private static final Map<String, Plan> PLANS = new HashMap<>();

    @BeforeAll
    static void plans() {
        Stacks.ALL.forEach(stack -> PLANS.put(stack, Stacks.plan(stack)));
    }

    @Test
    void everyNamespaceIsRestrictedAndMeshed() {
        for (var plan : PLANS.values()) {
            var tenants = plan.ofType(NAMESPACE).stream().filter(r -> r.name().startsWith("tenancy-")).toList();
            assertThat(tenants).extracting(r -> r.input("metadata.name").asText())
                    .containsExactlyInAnyOrder("catalog-service", "order-service", "infrastructure", "shared-services");
            for (var ns : tenants) {
                var labels = ns.input("metadata.labels");
                assertThat(labels.path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("restricted");
                assertThat(labels.path("pod-security.kubernetes.io/audit").asText()).isEqualTo("restricted");
                assertThat(labels.path("pod-security.kubernetes.io/warn").asText()).isEqualTo("restricted");
                assertThat(labels.path("istio-injection").asText()).isEqualTo("enabled");
                assertThat(ns.provider()).contains("pulumi:providers:kubernetes::cluster-k8s");
            }
        }
    }

    @Test
    void quotasAndLimitRangesHaveTheRequirementsValues() {
        var plan = PLANS.get("production");
        // production sizes its quotas for the autoscalers' maxima (Pulumi.production.yaml); dev keeps the defaults
        assertThat(hard(plan, "catalog-service")).isEqualTo("{\"limits.memory\":\"18Gi\",\"requests.cpu\":\"5\",\"requests.memory\":\"9Gi\"}");
        assertThat(hard(plan, "order-service")).isEqualTo("{\"limits.memory\":\"32Gi\",\"requests.cpu\":\"9\",\"requests.memory\":\"16Gi\"}");
        assertThat(hard(plan, "shared-services")).isEqualTo("{\"limits.memory\":\"32Gi\",\"requests.cpu\":\"9\",\"requests.memory\":\"16Gi\"}");
        var dev = PLANS.get("dev");
        assertThat(hard(dev, "order-service")).isEqualTo("{\"limits.memory\":\"16Gi\",\"requests.cpu\":\"4\",\"requests.memory\":\"8Gi\"}");
        assertThat(hard(dev, "shared-services")).isEqualTo("{\"limits.memory\":\"24Gi\",\"requests.cpu\":\"6\",\"requests.memory\":\"12Gi\"}");
        var limits = plan.resource("kubernetes:core/v1:LimitRange", "tenancy-ns-order-service-limits").input("spec.limits.0");
        assertThat(limits.path("type").asText()).isEqualTo("Container");
        assertThat(limits.path("max").toString()).isEqualTo("{\"cpu\":\"2\",\"memory\":\"4Gi\"}");
        assertThat(limits.path("defaultRequest").toString()).isEqualTo("{\"cpu\":\"100m\",\"memory\":\"128Mi\"}");
        assertThat(limits.path("default").toString()).isEqualTo("{\"cpu\":\"500m\",\"memory\":\"512Mi\"}");
    }

    @Test
    void everyQuotaHoldsEachColourAtItsAutoscalersMaximumPlusItsRolloutSurge() {
        for (var plan : PLANS.values()) {
            for (var ns : new String[] {"catalog-service", "order-service", "infrastructure", "shared-services"}) {
                long cpu = 0, memory = 0, limitsMemory = 0;
                for (var deployment : plan.ofType("kubernetes:apps/v1:Deployment")) {
                    if (!deployment.input("metadata.namespace").asText().equals(ns)) {
                        continue;
                    }
                    var hpa = plan.resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", deployment.name() + "-autoscaler");
                    int max = hpa.input("spec.maxReplicas").asInt();
                    // Kubernetes rounds a percentage surge up
                    var surge = deployment.input("spec.strategy.rollingUpdate.maxSurge");
                    int pods = max + (surge.isTextual() ? (int) Math.ceil(max * Double.parseDouble(surge.asText().replace("%", "")) / 100)
                            : surge.asInt());
                    var container = deployment.input("spec.template.spec.containers.0.resources");
                    var sidecar = deployment.input("spec.template.metadata.annotations");
                    cpu += pods * (millis(container.path("requests").path("cpu").asText()) + millis(sidecar.path("sidecar.istio.io/proxyCPU").asText()));
                    memory += pods * (mib(container.path("requests").path("memory").asText()) + mib(sidecar.path("sidecar.istio.io/proxyMemory").asText()));
                    limitsMemory += pods * (mib(container.path("limits").path("memory").asText())
                            + mib(sidecar.path("sidecar.istio.io/proxyMemoryLimit").asText()));
                }
                var hard = plan.resource("kubernetes:core/v1:ResourceQuota", "tenancy-ns-" + ns + "-quota").input("spec.hard");
                var where = plan.stack() + " " + ns;
                assertThat(cpu).as(where + " requests.cpu (m)").isLessThanOrEqualTo(millis(hard.path("requests.cpu").asText()));
                assertThat(memory).as(where + " requests.memory (Mi)").isLessThanOrEqualTo(mib(hard.path("requests.memory").asText()));
                assertThat(limitsMemory).as(where + " limits.memory (Mi)").isLessThanOrEqualTo(mib(hard.path("limits.memory").asText()));
            }
        }
    }

    private static long millis(String cpu) {
        return cpu.endsWith("m") ? Long.parseLong(cpu.substring(0, cpu.length() - 1))
                : new java.math.BigDecimal(cpu).movePointRight(3).longValueExact();
    }

    private static long mib(String memory) {
        long amount = Long.parseLong(memory.substring(0, memory.length() - 2));
        return memory.endsWith("Gi") ? amount * 1024 : amount;
    }

    @Test
    void everyNamespaceDeniesAllTrafficByDefault() {
        for (var ns : new String[] {"catalog-service", "order-service", "infrastructure", "shared-services"}) {
            var deny = PLANS.get("staging").resource(POLICY, "tenancy-ns-" + ns + "-deny-all");
            assertThat(deny.input("spec").toString()).isEqualTo("{\"podSelector\":{},\"policyTypes\":[\"Ingress\",\"Egress\"]}");
            assertThat(deny.input("metadata.namespace").asText()).isEqualTo(ns);
        }
    }

    @Test
    void allowsDnsAndIstiodInEveryNamespace() {
        var plan = PLANS.get("production");
        var dns = plan.resource(POLICY, "tenancy-ns-order-service-allow-dns").input("spec.egress.0");
        assertThat(dns.path("to").toString()).isEqualTo("[{\"namespaceSelector\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":"
                + "\"kube-system\"}},\"podSelector\":{\"matchLabels\":{\"k8s-app\":\"kube-dns\"}}}]");
        assertThat(dns.path("ports").toString()).isEqualTo("[{\"port\":53,\"protocol\":\"UDP\"},{\"port\":53,\"protocol\":\"TCP\"}]");
        var istiod = plan.resource(POLICY, "tenancy-ns-order-service-allow-istiod").input("spec.egress.0");
        assertThat(istiod.path("to").toString()).isEqualTo("[{\"namespaceSelector\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":"
                + "\"istio-system\"}},\"podSelector\":{\"matchLabels\":{\"app\":\"istiod\"}}}]");
        assertThat(istiod.path("ports").toString()).isEqualTo("[{\"port\":15012,\"protocol\":\"TCP\"}]");
    }

    @Test
    void awsIsReachedThroughTheVpcEndpointsOnly() {
        var plan = PLANS.get("production");
        var aws = plan.resource(POLICY, "tenancy-ns-infrastructure-allow-aws-endpoints").input("spec");
        assertThat(aws.path("podSelector").toString()).isEqualTo("{}");
        assertThat(aws.path("egress").toString()).isEqualTo("[{\"ports\":[{\"port\":443,\"protocol\":\"TCP\"}],\"to\":["
                + "{\"ipBlock\":{\"cidr\":\"10.30.12.0/26\"}},{\"ipBlock\":{\"cidr\":\"10.30.12.64/26\"}},"
                + "{\"ipBlock\":{\"cidr\":\"10.30.12.128/26\"}}]}]");
        assertThat(PLANS.get("production").resource(POLICY, "monitoring-allow-aws-endpoints").input("spec.egress").toString())
                .isEqualTo(aws.path("egress").toString());
    }

    @Test
    void noPodReachesBeyondTheVpcExceptThroughANamedRuleOfItsService() {
        var vpcs = Map.of("dev", "10.10.0.0/16", "staging", "10.20.0.0/16", "production", "10.30.0.0/16");
        for (var plan : PLANS.values()) {
            var vpc = com.multiship.platform.config.Ipv4Cidr.parse(vpcs.get(plan.stack())).orElseThrow();
            var serviceBlock = com.multiship.platform.config.Ipv4Cidr.parse(
                    com.multiship.platform.cluster.Cluster.SERVICE_IPV4_CIDR).orElseThrow();
            for (var policy : plan.ofType(POLICY)) {
                for (var rule : policy.input("spec.egress")) {
                    for (var peer : rule.path("to")) {
                        if (!peer.has("ipBlock")) {
                            continue;
                        }
                        var cidr = com.multiship.platform.config.Ipv4Cidr.parse(peer.path("ipBlock").path("cidr").asText()).orElseThrow();
                        // the kubernetes Service's cluster IP is inside the cluster, not beyond the VPC
                        if (!vpc.contains(cidr) && !serviceBlock.contains(cidr)) {
                            assertThat(policy.input("metadata.name").asText()).as(plan.stack() + " " + policy.name() + " " + cidr)
                                    .matches("[a-z0-9-]+-external-[a-z0-9-]+");
                            assertThat(policy.input("spec.podSelector.matchLabels.app").isTextual()).isTrue();
                        }
                    }
                }
            }
        }
        // the two services that call outside APIs, each by a rule named in its settings
        var production = PLANS.get("production");
        var payments = production.resource(POLICY, "tenancy-svc-order-service-allow-external-payment-gateway").input("spec");
        assertThat(payments.toString()).isEqualTo("{\"egress\":[{\"ports\":[{\"port\":443,\"protocol\":\"TCP\"}],"
                + "\"to\":[{\"ipBlock\":{\"cidr\":\"0.0.0.0/0\"}}]}],\"podSelector\":{\"matchLabels\":{\"app\":\"order-service\"}},"
                + "\"policyTypes\":[\"Egress\"]}");
        assertThat(production.resource(POLICY, "tenancy-svc-order-service-allow-external-payment-gateway").input("metadata.name").asText())
                .isEqualTo("order-service-external-payment-gateway");
        assertThat(production.ofType(POLICY)).filteredOn(p -> p.name().contains("-allow-external-"))
                .extracting(p -> p.name()).containsExactlyInAnyOrder("tenancy-svc-order-service-allow-external-payment-gateway",
                        "tenancy-svc-notification-service-allow-external-email-service");
    }

    @Test
    void onlyServicesWithDatabaseAccessReachPostgresAndOnlyInsideTheVpc() {
        var plan = PLANS.get("production");
        var shared = plan.resource(POLICY, "tenancy-ns-shared-services-allow-database").input("spec");
        assertThat(shared.path("podSelector").toString())
                .isEqualTo("{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\",\"values\":[\"auth-service\",\"user-service\"]}]}");
        assertThat(shared.path("egress").toString())
                .isEqualTo("[{\"ports\":[{\"port\":5432,\"protocol\":\"TCP\"}],\"to\":[{\"ipBlock\":{\"cidr\":\"10.30.0.0/16\"}}]}]");
        // the api gateway has no database access: its namespace has no database rule
        assertThat(plan.ofType(POLICY)).noneMatch(p -> p.name().equals("tenancy-ns-infrastructure-allow-database"));
        assertThat(PLANS.get("dev").resource(POLICY, "tenancy-ns-order-service-allow-database")
                .input("spec.egress.0.to.0.ipBlock.cidr").asText()).isEqualTo("10.10.0.0/16");
    }

    @Test
    void onlyTheIngressGatewayReachesTheApiGateway() {
        var ingress = PLANS.get("production").resource(POLICY, "tenancy-svc-api-gateway-allow-ingress").input("spec");
        assertThat(ingress.path("podSelector").toString()).isEqualTo("{\"matchLabels\":{\"app\":\"api-gateway\"}}");
        assertThat(ingress.path("ingress").toString()).isEqualTo("[{\"from\":[{\"namespaceSelector\":{\"matchLabels\":"
                + "{\"kubernetes.io/metadata.name\":\"istio-ingress\"}}}],\"ports\":[{\"port\":8080,\"protocol\":\"TCP\"}]}]");
        // no other service admits the ingress gateway (the mesh's own policies live in istio-ingress itself)
        assertThat(PLANS.get("production").ofType(POLICY)).filteredOn(p -> p.name().startsWith("tenancy-"))
                .filteredOn(p -> !p.name().contains("api-gateway"))
                .noneMatch(p -> p.inputs().toString().contains("istio-ingress"));
    }

    @Test
    void declaredPeersAreAllowedBothWays() {
        var plan = PLANS.get("production");
        var toOrders = plan.resource(POLICY, "tenancy-svc-order-service-allow-ingress").input("spec.ingress.0.from");
        assertThat(toOrders.toString()).isEqualTo("[{\"namespaceSelector\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":"
                + "\"infrastructure\"}},\"podSelector\":{\"matchLabels\":{\"app\":\"api-gateway\"}}}]");
        var fromGateway = plan.resource(POLICY, "tenancy-svc-api-gateway-allow-egress").input("spec");
        assertThat(fromGateway.path("policyTypes").toString()).isEqualTo("[\"Egress\"]");
        assertThat(fromGateway.path("egress")).extracting(rule -> rule.path("to").get(0).path("podSelector").path("matchLabels").path("app").asText())
                .containsExactlyInAnyOrder("auth-service", "catalog-service", "order-service", "user-service");
        // the notification service calls nobody and is called by the order service only
        assertThat(plan.ofType(POLICY)).noneMatch(p -> p.name().equals("tenancy-svc-notification-service-allow-egress"));
        assertThat(plan.resource(POLICY, "tenancy-svc-order-service-allow-egress").input("spec.egress").toString())
                .contains("notification-service").contains("catalog-service").doesNotContain("auth-service");
    }

    @Test
    void oneServiceAccountPerServiceWithoutATokenBoundToItsOwnRole() {
        for (var plan : PLANS.values()) {
            var accounts = plan.ofType("kubernetes:core/v1:ServiceAccount");
            assertThat(accounts).extracting(a -> a.input("metadata.namespace").asText() + "/" + a.input("metadata.name").asText())
                    .containsExactlyInAnyOrder("infrastructure/api-gateway", "shared-services/auth-service",
                            "catalog-service/catalog-service", "shared-services/notification-service",
                            "order-service/order-service", "shared-services/user-service");
            assertThat(accounts).allMatch(a -> !a.input("automountServiceAccountToken").asBoolean());
            // IAM roles for service accounts: each account names the role of its own service, and only that one
            assertThat(accounts).allSatisfy(a -> assertThat(a.input("metadata.annotations").path("eks.amazonaws.com/role-arn").asText())
                    .isEqualTo(plan.output("aws:iam/role:Role", "secrets-" + a.input("metadata.name").asText() + "-role", "arn")));
        }
    }

    @Test
    void everythingInANamespaceWaitsForIt() {
        var plan = PLANS.get("production");
        var ns = plan.resource(NAMESPACE, "tenancy-ns-order-service");
        for (var name : new String[] {"tenancy-ns-order-service-quota", "tenancy-svc-order-service-account"}) {
            PlannedResource resource = plan.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
            assertThat(resource.dependencies()).contains(ns.urn());
        }
    }

    @Test
    void theSidecarAssumptionIsWhatThePodsAsk() {
        var template = PLANS.get("production").resource("kubernetes:apps/v1:Deployment", "release-order-service-blue")
                .input("spec.template.metadata.annotations");
        assertThat(template.path("sidecar.istio.io/proxyCPU").asText()).isEqualTo(NamespaceSettings.SIDECAR_REQUESTS.cpu()).isEqualTo("100m");
        assertThat(template.path("sidecar.istio.io/proxyMemory").asText()).isEqualTo("128Mi");
        assertThat(template.path("sidecar.istio.io/proxyMemoryLimit").asText()).isEqualTo("256Mi");
    }

    @Test
    void annotatesTheServiceAccountsWithTheRolesItIsGiven() {
        var files = Stacks.files("production");
        var values = new TreeMap<String, String>();
        files.engineConfig().forEach((key, value) -> {
            if (key.startsWith("platform:")) {
                values.put(key.substring("platform:".length()), value);
            }
        });
        var settings = StackSettings.parse(new StackConfig("platform", "production", values, Set.of(), Optional.of("us-east-1")));
        var roleArn = "arn:aws:iam::123456789012:role/multiship-production-order-service";
        try {
            var result = PulumiTest.withMocks(new PlanMocks()).runTest(ctx -> new Tenancy("tenancy", new TenancyArgs(
                    settings.namespaces(), settings.services(), Output.of("10.30.0.0/16"),
                    Map.of("order-service", Output.of(roleArn)), java.util.List.of("10.30.12.0/26")),
                    ComponentResourceOptions.builder().build()));
            var accounts = result.resources().stream().filter(r -> r instanceof ServiceAccount).map(r -> (ServiceAccount) r)
                    .collect(Collectors.toMap(a -> PulumiTest.extractValue(a.metadata()).name().orElseThrow(), a -> a));
            assertThat(PulumiTest.extractValue(accounts.get("order-service").metadata()).annotations())
                    .containsEntry(Tenancy.ROLE_ARN_ANNOTATION, roleArn);
            assertThat(PulumiTest.extractValue(accounts.get("user-service").metadata()).annotations()).isEmpty();
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static String hard(Plan plan, String namespace) {
        return plan.resource("kubernetes:core/v1:ResourceQuota", "tenancy-ns-" + namespace + "-quota").input("spec.hard").toString();
    }
}
