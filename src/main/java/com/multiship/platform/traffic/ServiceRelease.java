package com.multiship.platform.traffic;

import com.multiship.platform.kubernetes.Metadata;
import com.multiship.platform.kubernetes.CustomObject;
import com.multiship.platform.config.ReleaseState.Colour;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ContainerResourceMetricSourceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service's workloads and routing: its ConfigMap; a Deployment and a HorizontalPodAutoscaler for each deployed
 * colour; one PodDisruptionBudget and one Service over both colours; an Istio DestinationRule (subsets blue and
 * green) and a VirtualService (the canary header route, then the weighted split).
 *
 * <p>The VirtualService waits for the Deployments it routes to, so that a change which both deploys a colour and sends
 * it traffic routes only once the colour's pods are ready.
 */
public final class ServiceRelease extends ComponentResource {

    public ServiceRelease(String name, ServiceReleaseArgs args, ComponentResourceOptions options) {
        super("platform:traffic:ServiceRelease", name, null, options);
        var service = args.service();
        var namespace = service.namespace();
        var child = CustomResourceOptions.builder().parent(this).dependsOn(args.after()).build();

        var configData = Workload.configData(service, args.environment());
        new ConfigMap(name + "-config", ConfigMapArgs.builder()
                .metadata(Metadata.managed(Workload.configMapName(service), namespace))
                .data(configData)
                .build(), child);
        var configHash = Workload.configHash(configData);

        var deployments = new ArrayList<Resource>(args.after());
        for (var colour : service.release().deployedColours()) {
            var deployment = new Deployment(name + "-" + colour.id(),
                    Workload.deployment(service, colour, args.repositoryUrl(), configHash), child);
            deployments.add(deployment);
            autoscaler(name + "-" + colour.id() + "-autoscaler", args, colour, child);
        }

        var appSelector = Map.of(Workload.APP_LABEL, service.name());
        new PodDisruptionBudget(name + "-disruption-budget", PodDisruptionBudgetArgs.builder()
                .metadata(Metadata.managed(service.name(), namespace))
                .spec(PodDisruptionBudgetSpecArgs.builder()
                        .maxUnavailable(1)
                        .selector(LabelSelectorArgs.builder().matchLabels(appSelector).build())
                        .build())
                .build(), child);
        new Service(name + "-service", ServiceArgs.builder()
                .metadata(Metadata.managed(service.name(), namespace))
                .spec(ServiceSpecArgs.builder()
                        .selector(appSelector)
                        .ports(ServicePortArgs.builder().name("http").appProtocol("http").protocol("TCP")
                                .port(service.port()).targetPort("http").build())
                        .build())
                .build(), child);
        new CustomObject(name + "-destination-rule", Routes.API_VERSION, "DestinationRule", Metadata.managed(service.name(), namespace),
                Routes.destinationRule(service), child);
        new CustomObject(name + "-virtual-service", Routes.API_VERSION, "VirtualService", Metadata.managed(service.name(), namespace),
                Routes.virtualService(service, args.ingressHost()),
                CustomResourceOptions.builder().parent(this).dependsOn(deployments).build());
        registerOutputs(Map.of());
    }

    private void autoscaler(String resourceName, ServiceReleaseArgs args, Colour colour, CustomResourceOptions options) {
        var service = args.service();
        int replicas = service.release().colour(colour).replicas();
        var deploymentName = Workload.deploymentName(service, colour);
        new HorizontalPodAutoscaler(resourceName, HorizontalPodAutoscalerArgs.builder()
                .metadata(Metadata.managed(deploymentName, service.namespace()))
                .spec(HorizontalPodAutoscalerSpecArgs.builder()
                        .scaleTargetRef(CrossVersionObjectReferenceArgs.builder()
                                .apiVersion("apps/v1").kind("Deployment").name(deploymentName).build())
                        .minReplicas(replicas)
                        .maxReplicas(service.autoscaling().maxReplicasFor(replicas))
                        // The application container's CPU only: the sidecar's would blur the signal.
                        .metrics(MetricSpecArgs.builder().type("ContainerResource")
                                .containerResource(ContainerResourceMetricSourceArgs.builder()
                                        .name("cpu").container(service.name())
                                        .target(MetricTargetArgs.builder().type("Utilization")
                                                .averageUtilization(service.autoscaling().targetCpuPercent()).build())
                                        .build())
                                .build())
                        .build())
                .build(), options);
    }
}
