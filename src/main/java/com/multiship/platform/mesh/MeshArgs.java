package com.multiship.platform.mesh;

import com.multiship.platform.config.MeshSettings;
import com.multiship.platform.config.ServiceSettings;
import com.pulumi.core.Output;

import java.util.List;

/**
 * What the {@link Mesh} needs.
 *
 * @param settings          {@code platform:mesh}
 * @param production        production runs the control plane with two replicas and a disruption budget
 * @param kubernetesVersion the cluster's minor version ({@code 1.31}): the Pod Security Standard labels pin their
 *                          policy version to it, so a cluster upgrade never silently tightens or loosens them
 * @param vpcCidr           the VPC's block: istiod accepts its clients (pods, the EKS control plane's webhook calls)
 *                          from it and reaches the Kubernetes API's private endpoint in it
 * @param services          the service catalogue: the ingress gateway may reach their namespaces on their ports
 * @param maxNodes          the most nodes the cluster's node groups can grow to: {@code istio-system}'s quota counts
 *                          one istio-cni node agent per node
 * @param apiCertificateArn the issued ACM certificate of the API host (in the stack's region), served by the ingress
 *                          gateway's load balancer
 */
public record MeshArgs(MeshSettings settings, boolean production, String kubernetesVersion, Output<String> vpcCidr,
                       List<ServiceSettings> services, int maxNodes, Output<String> apiCertificateArn) {}
