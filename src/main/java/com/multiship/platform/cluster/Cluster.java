package com.multiship.platform.cluster;

import com.multiship.platform.iam.PolicyDocument;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterKubernetesNetworkConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.eks.outputs.ClusterIdentity;
import com.pulumi.aws.eks.outputs.ClusterIdentityOidc;
import com.pulumi.aws.eks.outputs.ClusterVpcConfig;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An EKS cluster from {@code aws.eks} primitives: a private API endpoint (public only for listed CIDRs),
 * envelope encryption of Kubernetes secrets with a rotating KMS key, control-plane logs, managed node groups,
 * managed add-ons, an IAM OIDC provider for service-account roles, access entries for the deployer and the admin roles
 * (nobody is an implicit admin), 443 ingress to the private endpoint from the deployer's networks, and a Kubernetes
 * provider for everything declared inside the cluster.
 */
public final class Cluster extends ComponentResource {
    static final List<String> CONTROL_PLANE_LOGS = List.of("api", "audit", "authenticator");
    static final String CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    private static final String MANAGED_POLICY = "arn:aws:iam::aws:policy/";
    static final int API_PORT = 443;
    /**
     * The block cluster IPs come from, set rather than left to EKS (which picks 172.20.0.0/16 or 10.100.0.0/16 from the
     * VPC's range) so that NetworkPolicies can name the {@code kubernetes} Service's cluster IP. Set at creation only:
     * changing it replaces the cluster. It must not overlap the VPC (the stacks use 10.x.0.0/16).
     */
    public static final String SERVICE_IPV4_CIDR = "172.20.0.0/16";
    /** The {@code kubernetes} Service's cluster IP: always the first address of the service block. */
    public static final String KUBERNETES_SERVICE_IP = "172.20.0.1";

    private final Output<String> clusterName;
    private final Output<String> oidcProviderArn;
    private final Output<String> oidcIssuerUrl;
    private final Output<String> clusterSecurityGroupId;
    private final Output<String> kubeconfig;
    private final Provider kubernetesProvider;

    public Cluster(String name, ClusterArgs args, ComponentResourceOptions options) {
        super("platform:cluster:Cluster", name, null, options);
        var settings = args.settings();
        var child = CustomResourceOptions.builder().parent(this).build();
        var stateful = CustomResourceOptions.builder().parent(this).protect(args.protect()).build();

        var secretsKey = new Key(name + "-secrets-key", KeyArgs.builder()
                .description("Envelope encryption of Kubernetes secrets in " + args.clusterName())
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .build(), stateful);
        // "-eks-": secrets/ServiceSecrets owns alias/<prefix>-secrets in the same account and region.
        new Alias(name + "-secrets-key-alias", AliasArgs.builder()
                .name("alias/" + args.clusterName() + "-eks-secrets")
                .targetKeyId(secretsKey.keyId())
                .build(), child);

        // EKS writes to this group only if it already exists under exactly this name; created first, it carries our retention.
        var controlPlaneLogs = new LogGroup(name + "-control-plane-logs", LogGroupArgs.builder()
                .name("/aws/eks/" + args.clusterName() + "/cluster")
                .retentionInDays(settings.logRetentionDays())
                .kmsKeyId(args.logs().keyArn())
                .build(), args.logs().options(this));

        var clusterRole = new Role(name + "-role", RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.assumeRoleByService("eks.amazonaws.com"))
                .build(), child);
        var clusterPolicy = attach(name + "-role-cluster-policy", clusterRole, "AmazonEKSClusterPolicy");

        var cluster = new com.pulumi.aws.eks.Cluster(name + "-eks", com.pulumi.aws.eks.ClusterArgs.builder()
                .name(args.clusterName())
                .version(KubernetesVersions.require(settings.kubernetesVersion(), args.production(), args.stackFile(), this))
                .roleArn(clusterRole.arn())
                .vpcConfig(vpcConfig(args))
                .encryptionConfig(ClusterEncryptionConfigArgs.builder()
                        .resources("secrets")
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(secretsKey.arn()).build())
                        .build())
                .enabledClusterLogTypes(CONTROL_PLANE_LOGS)
                .kubernetesNetworkConfig(ClusterKubernetesNetworkConfigArgs.builder()
                        .ipFamily("ipv4").serviceIpv4Cidr(SERVICE_IPV4_CIDR).build())
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        // No implicit admin for whoever runs the first up: the deployer's access entry is declared below.
                        // ForceNew in the provider: changing it later replaces the cluster.
                        .bootstrapClusterCreatorAdminPermissions(false)
                        .build())
                // The managed add-ons below replace the self-managed defaults EKS would otherwise install.
                .bootstrapSelfManagedAddons(false)
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect())
                .dependsOn(controlPlaneLogs, clusterPolicy).build());
        this.clusterName = cluster.name();
        this.clusterSecurityGroupId = cluster.vpcConfig().applyValue(ClusterVpcConfig::clusterSecurityGroupId)
                .applyValue(id -> id.orElse(""));
        this.oidcIssuerUrl = cluster.identities().applyValue(Cluster::issuerOf);

        var oidc = new OpenIdConnectProvider(name + "-oidc", OpenIdConnectProviderArgs.builder()
                .url(oidcIssuerUrl)
                .clientIdLists("sts.amazonaws.com")
                .build(), child);
        this.oidcProviderArn = oidc.arn();

        var accessGrants = new ArrayList<Resource>();
        var administrators = new ArrayList<String>();
        administrators.add(settings.deployerRoleArn());
        administrators.addAll(settings.adminRoleArns());
        for (var roleArn : administrators) {
            var key = roleArn.substring(roleArn.lastIndexOf('/') + 1).toLowerCase();
            var entry = new AccessEntry(name + "-access-" + key, AccessEntryArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(roleArn)
                    .type("STANDARD")
                    .build(), child);
            accessGrants.add(new AccessPolicyAssociation(name + "-access-" + key + "-admin", AccessPolicyAssociationArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(entry.principalArn())
                    .policyArn(CLUSTER_ADMIN_POLICY)
                    .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                    .build(), child));
        }

        accessGrants.addAll(deployerAccess(name, args));

        var vpcCni = addon(name, cluster, "vpc-cni", "{\"enableNetworkPolicy\":\"true\"}", null, List.of());
        var kubeProxy = addon(name, cluster, "kube-proxy", null, null, List.of());
        var nodeGroups = new NodeGroups(name, this, cluster, args, List.of(vpcCni, kubeProxy));
        var coreDns = addon(name, cluster, "coredns", null, null, nodeGroups.all());
        var ebsCsiRole = serviceAccountRole(name + "-ebs-csi-role", "kube-system", "ebs-csi-controller-sa",
                "service-role/AmazonEBSCSIDriverPolicy");
        var ebsCsi = addon(name, cluster, "aws-ebs-csi-driver", null, ebsCsiRole.arn(), nodeGroups.all());
        // EKS installs no metrics-server; without it no HorizontalPodAutoscaler (istiod's, the gateway's, the services')
        // ever scales. The community add-on runs in kube-system, which has no default-deny policies.
        var metricsServer = addon(name, cluster, "metrics-server", null, null, nodeGroups.all());

        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.certificateAuthority())
                .applyValue(t -> Kubeconfig.render(t.t1, t.t2, t.t3.data().orElse(""), args.region()));
        var ready = new ArrayList<Resource>(nodeGroups.all());
        ready.addAll(List.of(coreDns, ebsCsi, metricsServer));
        ready.addAll(accessGrants);
        this.kubernetesProvider = new Provider(name + "-k8s", ProviderArgs.builder()
                .kubeconfig(kubeconfig.asSecret())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(ready).build());

        registerOutputs(Map.of("clusterName", clusterName, "oidcProviderArn", oidcProviderArn));
    }

    /**
     * 443 on the cluster security group (the one EKS puts on the control plane's network interfaces) from the deployer
     * security group and from each deployer network: without it nothing outside the cluster reaches the private endpoint.
     */
    private List<Resource> deployerAccess(String name, ClusterArgs args) {
        var rules = new ArrayList<Resource>();
        rules.add(new SecurityGroupIngressRule(name + "-api-from-deployer-sg", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(clusterSecurityGroupId)
                .referencedSecurityGroupId(args.deployerSecurityGroupId())
                .ipProtocol("tcp").fromPort(API_PORT).toPort(API_PORT)
                .description("Kubernetes API from the deployer security group")
                .build(), CustomResourceOptions.builder().parent(this).build()));
        for (var cidr : args.settings().deployerCidrs()) {
            rules.add(new SecurityGroupIngressRule(name + "-api-from-" + cidr.replace('/', '-'), SecurityGroupIngressRuleArgs.builder()
                    .securityGroupId(clusterSecurityGroupId)
                    .cidrIpv4(cidr)
                    .ipProtocol("tcp").fromPort(API_PORT).toPort(API_PORT)
                    .description("Kubernetes API from the deployer network " + cidr)
                    .build(), CustomResourceOptions.builder().parent(this).build()));
        }
        return rules;
    }

    /**
     * Private endpoint always; the public one only for the listed CIDRs. With none listed the CIDRs are left unset
     * rather than sent empty: AWS reports 0.0.0.0/0 for a disabled public endpoint, and an explicit empty list
     * would show as drift at every refresh.
     */
    private static ClusterVpcConfigArgs vpcConfig(ClusterArgs args) {
        var cidrs = args.settings().publicAccessCidrs();
        var builder = ClusterVpcConfigArgs.builder()
                .subnetIds(args.privateSubnetIds())
                .endpointPrivateAccess(true)
                .endpointPublicAccess(!cidrs.isEmpty());
        if (!cidrs.isEmpty()) {
            builder.publicAccessCidrs(cidrs);
        }
        return builder.build();
    }

    private Addon addon(String name, com.pulumi.aws.eks.Cluster cluster, String addonName, String configuration,
                        Output<String> serviceAccountRoleArn, List<? extends Resource> after) {
        var builder = AddonArgs.builder()
                .clusterName(cluster.name())
                .addonName(addonName)
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("PRESERVE");
        if (configuration != null) {
            builder.configurationValues(configuration);
        }
        if (serviceAccountRoleArn != null) {
            builder.serviceAccountRoleArn(serviceAccountRoleArn);
        }
        return new Addon(name + "-addon-" + addonName, builder.build(),
                CustomResourceOptions.builder().parent(this).dependsOn(List.copyOf(after)).build());
    }

    /** An IAM role that only the named Kubernetes service account can assume, with one AWS managed policy. */
    private Role serviceAccountRole(String roleName, String namespace, String serviceAccount, String managedPolicy) {
        var role = new Role(roleName, RoleArgs.builder()
                .assumeRolePolicy(Output.tuple(oidcProviderArn, oidcIssuerUrl).applyValue(t ->
                        PolicyDocument.assumeRoleByServiceAccount(t.t1, t.t2, namespace, serviceAccount)))
                .build(), CustomResourceOptions.builder().parent(this).build());
        attach(roleName + "-policy", role, managedPolicy);
        return role;
    }

    RolePolicyAttachment attach(String attachmentName, Role role, String managedPolicy) {
        return new RolePolicyAttachment(attachmentName, RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(MANAGED_POLICY + managedPolicy)
                .build(), CustomResourceOptions.builder().parent(this).build());
    }

    private static String issuerOf(List<ClusterIdentity> identities) {
        return identities.stream().flatMap(i -> i.oidcs().stream()).map(ClusterIdentityOidc::issuer)
                .flatMap(java.util.Optional::stream).findFirst().orElse("");
    }

    public Output<String> clusterName() {
        return clusterName;
    }

    /** The IAM OIDC provider's ARN, for the trust policies of service-account roles. */
    public Output<String> oidcProviderArn() {
        return oidcProviderArn;
    }

    /** The cluster's OIDC issuer URL ({@code https://oidc.eks...}). */
    public Output<String> oidcIssuerUrl() {
        return oidcIssuerUrl;
    }

    /** The security group EKS puts on the control plane and the managed nodes: the source of pod traffic. */
    public Output<String> clusterSecurityGroupId() {
        return clusterSecurityGroupId;
    }

    /** A kubeconfig that authenticates with {@code aws eks get-token}; export it only as a secret. */
    public Output<String> kubeconfig() {
        return kubeconfig;
    }

    /** The provider for every resource declared inside the cluster. */
    public Provider kubernetesProvider() {
        return kubernetesProvider;
    }
}
