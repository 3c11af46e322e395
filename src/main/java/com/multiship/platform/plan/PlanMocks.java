package com.multiship.platform.plan;

import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the engine and the providers, answering each registration the way they would on a fresh account:
 *
 * <ul>
 *   <li>Physical names ({@link Autonaming}): a property the provider auto-names gets the logical name, a
 *       separator and 7 random-looking hex characters (the bridge's {@code AutoName}), or, where the program sets
 *       the matching {@code ...Prefix}, the prefix and the 26-character unique suffix Terraform appends; a name
 *       the program sets is kept.</li>
 *   <li>Ids in the provider's shape ({@code vpc-0…}, {@code sg-0…}, KMS key UUIDs, IAM role ids equal to the role
 *       name, ...) and ARNs built from the physical name, the region of the resource's own provider and the
 *       account of the recorded caller identity.</li>
 *   <li>In preview mode, what a first {@code pulumi preview} of an empty stack returns for a create: the checked
 *       inputs (auto-names included), every other output and the id unknown ({@link #UNKNOWN}).</li>
 * </ul>
 *
 * <p>Every random-looking part is a hash of the resource's URN, so two plans of one commit are identical and a
 * value wired from the wrong resource shows as a different value. Invokes are answered from recorded, dated
 * fixtures ({@link InvokeFixtures}). Nothing here decides what the program declares.
 */
public final class PlanMocks implements Mocks {
    /** The account id every mocked ARN carries: the recorded caller identity's (see {@link InvokeFixtures}). */
    public static final String ACCOUNT = String.valueOf(InvokeFixtures.answer(
            "aws:index/getCallerIdentity:getCallerIdentity", Map.of(), "").get("accountId"));
    /** Every generated secret value of the offline plan starts with this. */
    public static final String MOCK_SECRET_PREFIX = "MOCK-GENERATED-SECRET-";
    /** The engine's unknown-value sentinel (sdk/go/common/resource/plugin/rpc.go {@code UnknownStringValue}). */
    public static final String UNKNOWN = RecordingMonitor.UNKNOWN;
    /** The region a resource without a regional provider is in: the AWS provider's own default. */
    static final String DEFAULT_REGION = "us-east-1";

    /** The URN of the registration being answered, set by {@link RecordingMonitor} around the mock call. */
    static final ThreadLocal<String> CURRENT_URN = new ThreadLocal<>();

    private final boolean preview;
    private final Map<String, String> regionByProviderName = new ConcurrentHashMap<>();

    /** The stand-in for an update of known values (every output known). */
    public PlanMocks() {
        this(false);
    }

    /** @param preview answer as a first preview of an empty stack: outputs that are not inputs unknown */
    public PlanMocks(boolean preview) {
        this.preview = preview;
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var seed = Optional.ofNullable(CURRENT_URN.get()).orElse(args.type + "::" + args.name);
        if (args.type.startsWith("pulumi:providers:")) {
            Optional.ofNullable(args.inputs.get("region")).ifPresent(r -> regionByProviderName.put(args.name, r.toString()));
            // Provider resources are not created in the cloud: their id is known in a preview too.
            return done(Optional.of(uuid(seed).toString()), new HashMap<>(args.inputs));
        }
        var inputs = Autonaming.apply(args.type, args.name, args.inputs, seed);
        var state = new HashMap<String, Object>(inputs);
        var id = new Attributes(args.type, args.name, seed, regionOf(args.provider), inputs, state).compute();
        if (!preview) {
            return done(Optional.of(id), state);
        }
        // A create in preview: the provider's Check has run (defaults, the bridge's auto-names), Create has not; a
        // name Terraform derives from a prefix is computed at create time, so it is unknown too.
        var checked = Autonaming.namedAtCreate(args.type, args.inputs) ? args.inputs : inputs;
        @SuppressWarnings("unchecked")
        var previewState = (Map<String, Object>) unknownBeyond(checked, state);
        return done(Optional.empty(), previewState);
    }

    /** Every invoke is answered from a recorded, dated fixture ({@link InvokeFixtures}); none is made up here. */
    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.completedFuture(InvokeFixtures.answer(args.token, args.args, regionOf(args.provider)));
    }

    /** Keeps what the inputs hold; replaces every value only the provider computes by the unknown sentinel. */
    private static Object unknownBeyond(Object input, Object output) {
        if (input == null) {
            return UNKNOWN;
        }
        if (input instanceof Map<?, ?> in && output instanceof Map<?, ?> out) {
            var merged = new HashMap<String, Object>();
            out.forEach((k, v) -> merged.put(String.valueOf(k), unknownBeyond(in.get(k), v)));
            return merged;
        }
        if (input instanceof List<?> in && output instanceof List<?> out && in.size() == out.size()) {
            var merged = new ArrayList<Object>();
            for (int i = 0; i < in.size(); i++) {
                merged.add(unknownBeyond(in.get(i), out.get(i)));
            }
            return merged;
        }
        return input;
    }

    private static CompletableFuture<ResourceResult> done(Optional<String> id, Map<String, Object> state) {
        return CompletableFuture.completedFuture(ResourceResult.of(id, state));
    }

    private String regionOf(String providerReference) {
        if (providerReference == null || providerReference.isEmpty()) {
            return DEFAULT_REGION;
        }
        // <urn>::<id>, and the URN ends with ::<provider name>
        var urn = providerReference.substring(0, providerReference.lastIndexOf("::"));
        var name = urn.substring(urn.lastIndexOf("::") + 2);
        return regionByProviderName.getOrDefault(name, DEFAULT_REGION);
    }

    // ---- deterministic random-looking parts, all from the URN ----

    static byte[] digest(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code length} lowercase hex characters derived from the seed. */
    static String hex(String seed, int length) {
        var out = new StringBuilder();
        for (int round = 0; out.length() < length; round++) {
            out.append(HexFormat.of().formatHex(digest(round == 0 ? seed : seed + "#" + round)));
        }
        return out.substring(0, length);
    }

    /** {@code length} characters of an alphabet, derived from the seed. */
    static String chars(String seed, int length, String alphabet) {
        var out = new StringBuilder();
        for (int round = 0; out.length() < length; round++) {
            for (byte b : digest(seed + "/" + alphabet + "#" + round)) {
                if (out.length() == length) {
                    break;
                }
                out.append(alphabet.charAt(Byte.toUnsignedInt(b) % alphabet.length()));
            }
        }
        return out.toString();
    }

    static UUID uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static final String SECRET_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** What the provider computes for one resource: its id (returned) and the attributes it adds to the state. */
    private record Attributes(String type, String name, String seed, String region, Map<String, Object> inputs,
                              Map<String, Object> state) {

        String compute() {
            var physical = Autonaming.physicalName(type, inputs);
            String id = physical.orElse(hex(seed, 16));
            switch (type) {
                case "aws:ec2/vpc:Vpc" -> id = awsId("vpc");
                case "aws:ec2/subnet:Subnet" -> {
                    id = awsId("subnet");
                    state.put("arn", arn("ec2", region, "subnet/" + id));
                }
                case "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup" -> {
                    id = awsId("sg");
                    state.put("arn", arn("ec2", region, "security-group/" + id));
                    state.put("ownerId", ACCOUNT);
                }
                case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                     "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" -> {
                    id = awsId("sgr");
                    state.put("securityGroupRuleId", id);
                    state.put("arn", arn("ec2", region, "security-group-rule/" + id));
                }
                case "aws:ec2/internetGateway:InternetGateway" -> id = awsId("igw");
                case "aws:ec2/natGateway:NatGateway" -> id = awsId("nat");
                case "aws:ec2/routeTable:RouteTable" -> id = awsId("rtb");
                case "aws:ec2/routeTableAssociation:RouteTableAssociation" -> id = awsId("rtbassoc");
                case "aws:ec2/eip:Eip" -> {
                    id = awsId("eipalloc");
                    state.put("allocationId", id);
                    state.put("publicIp", "198.51.100." + (Integer.parseInt(hex(seed, 2), 16) % 254 + 1));
                }
                case "aws:ec2/flowLog:FlowLog" -> id = awsId("fl");
                case "aws:ec2/vpcEndpoint:VpcEndpoint" -> id = awsId("vpce");
                case "aws:ec2/launchTemplate:LaunchTemplate" -> id = awsId("lt");
                case "aws:kms/key:Key" -> {
                    id = uuid(seed).toString();
                    state.put("keyId", id);
                    state.put("arn", arn("kms", region, "key/" + id));
                }
                case "aws:kms/alias:Alias" -> {
                    state.put("arn", arn("kms", region, physical.orElseThrow()));
                    var target = String.valueOf(inputs.get("targetKeyId"));
                    state.put("targetKeyArn", target.startsWith("arn:") ? target : arn("kms", region, "key/" + target));
                }
                case "aws:iam/role:Role" -> {
                    var path = String.valueOf(inputs.getOrDefault("path", "/"));
                    state.put("arn", "arn:aws:iam::" + ACCOUNT + ":role" + path + physical.orElseThrow());
                    state.put("uniqueId", "AROA" + chars(seed, 17, BASE32));
                }
                case "aws:iam/policy:Policy" -> {
                    var path = String.valueOf(inputs.getOrDefault("path", "/"));
                    id = "arn:aws:iam::" + ACCOUNT + ":policy" + path + physical.orElseThrow();
                    state.put("arn", id);
                    state.put("policyId", "ANPA" + chars(seed, 17, BASE32));
                }
                case "aws:iam/rolePolicy:RolePolicy" -> id = inputs.get("role") + ":" + physical.orElseThrow();
                case "aws:iam/rolePolicyAttachment:RolePolicyAttachment" ->
                        id = inputs.get("role") + "-" + terraformUniqueSuffix(seed);
                case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" -> {
                    id = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/"
                            + String.valueOf(inputs.get("url")).replaceFirst("^https://", "");
                    state.put("arn", id);
                }
                case "aws:eks/cluster:Cluster" -> {
                    var cluster = physical.orElseThrow();
                    var handle = hex(seed, 32).toUpperCase(Locale.ROOT);
                    var vpcConfig = new HashMap<String, Object>(map(inputs.get("vpcConfig")));
                    vpcConfig.put("clusterSecurityGroupId", awsId("sg", "cluster-security-group"));
                    vpcConfig.put("vpcId", awsId("vpc", "cluster-vpc"));
                    state.put("vpcConfig", vpcConfig);
                    state.put("arn", arn("eks", region, "cluster/" + cluster));
                    state.put("endpoint", "https://" + handle + ".gr7." + region + ".eks.amazonaws.com");
                    state.put("certificateAuthority", Map.of("data", "TU9DSy1DQQ=="));
                    state.put("identities", List.of(Map.of("oidcs", List.of(Map.of("issuer",
                            "https://oidc.eks." + region + ".amazonaws.com/id/" + handle)))));
                    state.put("status", "ACTIVE");
                }
                case "aws:eks/nodeGroup:NodeGroup" -> {
                    var cluster = String.valueOf(inputs.get("clusterName"));
                    id = cluster + ":" + physical.orElseThrow();
                    state.put("arn", arn("eks", region, "nodegroup/" + cluster + "/" + physical.orElseThrow() + "/" + uuid(seed)));
                }
                case "aws:eks/addon:Addon" -> {
                    var cluster = String.valueOf(inputs.get("clusterName"));
                    id = cluster + ":" + inputs.get("addonName");
                    state.put("arn", arn("eks", region, "addon/" + cluster + "/" + inputs.get("addonName") + "/" + uuid(seed)));
                }
                case "aws:eks/accessEntry:AccessEntry" -> {
                    var cluster = String.valueOf(inputs.get("clusterName"));
                    id = cluster + ":" + inputs.get("principalArn");
                    state.put("accessEntryArn", arn("eks", region, "access-entry/" + cluster + "/role/" + ACCOUNT + "/"
                            + String.valueOf(inputs.get("principalArn")).replaceFirst(".*/", "") + "/" + uuid(seed)));
                }
                case "aws:eks/accessPolicyAssociation:AccessPolicyAssociation" ->
                        id = inputs.get("clusterName") + "#" + inputs.get("principalArn") + "#" + inputs.get("policyArn");
                case "aws:rds/instance:Instance" -> {
                    var identifier = physical.orElseThrow();
                    // The instance's id is its DbiResourceId since AWS provider 5.x (pulumi-aws 6.x); the
                    // identifier is the name.
                    id = "db-" + chars(seed, 26, BASE32);
                    var address = identifier + ".c" + chars(ACCOUNT + region, 11, LOWER_ALNUM) + "." + region + ".rds.amazonaws.com";
                    var port = inputs.getOrDefault("port", 5432.0);
                    state.put("arn", arn("rds", region, "db:" + identifier));
                    state.put("address", address);
                    state.put("port", port);
                    state.put("endpoint", address + ":" + ((Number) port).intValue());
                    state.put("resourceId", id);
                    state.put("hostedZoneId", "Z2R2ITUGPM61AM");
                    if (Boolean.TRUE.equals(inputs.get("manageMasterUserPassword"))) {
                        state.put("masterUserSecrets", List.of(Map.of("secretArn", arn("secretsmanager", region,
                                "secret:rds!db-" + uuid(seed + "/master") + "-" + chars(seed, 6, SECRET_SUFFIX)),
                                "kmsKeyId", String.valueOf(inputs.getOrDefault("masterUserSecretKmsKeyId",
                                        arn("kms", region, "key/" + uuid(seed + "/rds-default-key")))),
                                "secretStatus", "active")));
                    }
                }
                case "aws:rds/parameterGroup:ParameterGroup" -> state.put("arn", arn("rds", region, "pg:" + physical.orElseThrow()));
                case "aws:rds/subnetGroup:SubnetGroup" -> state.put("arn", arn("rds", region, "subgrp:" + physical.orElseThrow()));
                case "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication" ->
                        id = arn("rds", region, "auto-backup:ab-" + chars(seed, 26, LOWER_ALNUM));
                case "aws:secretsmanager/secret:Secret" -> {
                    id = arn("secretsmanager", region, "secret:" + physical.orElseThrow() + "-" + chars(seed, 6, SECRET_SUFFIX));
                    state.put("arn", id);
                }
                case "aws:secretsmanager/secretVersion:SecretVersion" -> {
                    var version = uuid(seed).toString();
                    id = inputs.get("secretId") + "|" + version;
                    state.put("versionId", version);
                    state.put("arn", inputs.get("secretId"));
                }
                case "aws:secretsmanager/secretRotation:SecretRotation" -> id = String.valueOf(inputs.get("secretId"));
                case "aws:sns/topic:Topic" -> {
                    id = arn("sns", region, physical.orElseThrow());
                    state.put("arn", id);
                    state.put("owner", ACCOUNT);
                }
                case "aws:sns/topicPolicy:TopicPolicy" -> id = String.valueOf(inputs.get("arn"));
                case "aws:sns/topicSubscription:TopicSubscription" -> {
                    id = inputs.get("topic") + ":" + uuid(seed);
                    state.put("arn", id);
                }
                case "aws:cloudwatch/logGroup:LogGroup" ->
                        state.put("arn", arn("logs", region, "log-group:" + physical.orElseThrow()));
                case "aws:cloudwatch/metricAlarm:MetricAlarm" ->
                        state.put("arn", arn("cloudwatch", region, "alarm:" + physical.orElseThrow()));
                case "aws:cloudwatch/dashboard:Dashboard" -> {
                    id = String.valueOf(inputs.get("dashboardName"));
                    state.put("dashboardArn", "arn:aws:cloudwatch::" + ACCOUNT + ":dashboard/" + id);
                }
                case "aws:cloudwatch/logDeliverySource:LogDeliverySource" ->
                        state.put("arn", arn("logs", region, "delivery-source:" + physical.orElseThrow()));
                case "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination" ->
                        state.put("arn", arn("logs", region, "delivery-destination:" + physical.orElseThrow()));
                case "aws:cloudwatch/logDelivery:LogDelivery" -> {
                    id = chars(seed, 16, LOWER_ALNUM);
                    state.put("arn", arn("logs", region, "delivery:" + id));
                }
                case "aws:ecr/repository:Repository" -> {
                    state.put("arn", arn("ecr", region, "repository/" + physical.orElseThrow()));
                    state.put("repositoryUrl", ACCOUNT + ".dkr.ecr." + region + ".amazonaws.com/" + physical.orElseThrow());
                    state.put("registryId", ACCOUNT);
                }
                case "aws:ecr/lifecyclePolicy:LifecyclePolicy" -> {
                    id = String.valueOf(inputs.get("repository"));
                    state.put("registryId", ACCOUNT);
                }
                case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket" -> {
                    var bucket = physical.orElseThrow();
                    state.put("arn", "arn:aws:s3:::" + bucket);
                    state.put("bucketDomainName", bucket + ".s3.amazonaws.com");
                    state.put("bucketRegionalDomainName", bucket + ".s3." + region + ".amazonaws.com");
                    state.put("region", region);
                }
                case "aws:cloudfront/distribution:Distribution" -> {
                    id = "E" + chars(seed, 13, UPPER_ALNUM);
                    state.put("arn", "arn:aws:cloudfront::" + ACCOUNT + ":distribution/" + id);
                    state.put("domainName", "d" + chars(seed, 13, LOWER_ALNUM) + ".cloudfront.net");
                    state.put("hostedZoneId", "Z2FDTNDATAQYW2");
                    state.put("etag", "E" + chars(seed + "/etag", 13, UPPER_ALNUM));
                    state.put("status", "Deployed");
                }
                case "aws:cloudfront/originAccessControl:OriginAccessControl" -> id = "E" + chars(seed, 13, UPPER_ALNUM);
                case "aws:cloudfront/cachePolicy:CachePolicy", "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy" ->
                        id = uuid(seed).toString();
                case "aws:acm/certificate:Certificate" -> {
                    var domain = String.valueOf(inputs.get("domainName"));
                    id = arn("acm", region, "certificate/" + uuid(seed));
                    state.put("arn", id);
                    state.put("domainValidationOptions", List.of(Map.of("domainName", domain,
                            "resourceRecordName", "_" + hex(seed + "/name", 32) + "." + domain + ".",
                            "resourceRecordType", "CNAME",
                            "resourceRecordValue", "_" + hex(seed + "/value", 32) + ".mhbtsbpdnt.acm-validations.aws.")));
                }
                case "aws:acm/certificateValidation:CertificateValidation" -> id = String.valueOf(inputs.get("certificateArn"));
                case "aws:route53/record:Record" -> {
                    var fqdn = String.valueOf(inputs.get("name")).replaceAll("\\.$", "");
                    id = inputs.get("zoneId") + "_" + fqdn + "_" + inputs.get("type");
                    state.put("fqdn", fqdn);
                }
                case "aws:wafv2/webAcl:WebAcl" -> {
                    id = uuid(seed).toString();
                    var scope = "CLOUDFRONT".equals(inputs.get("scope")) ? "global" : "regional";
                    state.put("arn", arn("wafv2", region, scope + "/webacl/" + physical.orElseThrow() + "/" + id));
                }
                case "aws:amp/workspace:Workspace" -> {
                    id = "ws-" + uuid(seed);
                    state.put("arn", arn("aps", region, "workspace/" + id));
                    state.put("prometheusEndpoint", "https://aps-workspaces." + region + ".amazonaws.com/workspaces/" + id + "/");
                }
                case "aws:amp/ruleGroupNamespace:RuleGroupNamespace" -> {
                    id = arn("aps", region, "rulegroupsnamespace/" + inputs.get("workspaceId") + "/" + physical.orElseThrow());
                    state.put("arn", id);
                }
                case "aws:amp/alertManagerDefinition:AlertManagerDefinition",
                     "aws:amp/workspaceConfiguration:WorkspaceConfiguration" -> id = String.valueOf(inputs.get("workspaceId"));
                case "aws:backup/vault:Vault" -> {
                    state.put("arn", arn("backup", region, "backup-vault:" + physical.orElseThrow()));
                    state.put("recoveryPoints", 0.0);
                }
                case "aws:backup/plan:Plan" -> {
                    id = uuid(seed).toString();
                    state.put("arn", arn("backup", region, "backup-plan:" + id));
                    state.put("version", chars(seed, 32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"));
                }
                case "aws:backup/selection:Selection" -> id = uuid(seed).toString();
                case "aws:backup/restoreTestingPlan:RestoreTestingPlan" ->
                        state.put("arn", arn("backup", region, "restore-testing-plan:" + physical.orElseThrow() + "-" + uuid(seed)));
                // A recognisable value: tests check it never appears in a plan or an output.
                case "random:index/randomPassword:RandomPassword" -> {
                    state.put("result", MOCK_SECRET_PREFIX + name);
                    id = "none";
                }
                default -> {
                    if (type.startsWith("kubernetes:")) {
                        var metadata = map(inputs.get("metadata"));
                        var namespace = metadata.get("namespace");
                        id = (namespace != null ? namespace + "/" : "") + physical.orElse(name);
                    } else if (physical.isPresent() && !state.containsKey("arn") && type.startsWith("aws:")) {
                        state.put("arn", arn(service(type), region, kind(type) + "/" + physical.get()));
                    }
                }
            }
            if (type.startsWith("aws:")) {
                state.putIfAbsent("tagsAll", inputs.getOrDefault("tags", Map.of()));
            }
            state.put("id", id);
            return id;
        }

        /** An EC2-style id: the resource prefix, a 0 and 16 hex characters (the 17-character long id format). */
        private String awsId(String prefix) {
            return awsId(prefix, "");
        }

        private String awsId(String prefix, String role) {
            return prefix + "-0" + hex(seed + role, 16);
        }

        private static String arn(String service, String region, String resource) {
            return "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + resource;
        }

        private static String service(String type) {
            return type.substring(type.indexOf(':') + 1, type.indexOf('/'));
        }

        private static String kind(String type) {
            return type.substring(type.lastIndexOf(':') + 1).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The suffix of Terraform's {@code id.PrefixedUniqueId} (terraform-plugin-sdk helper/id): a UTC timestamp to the
     * ten-thousandth of a second without the dot (18 digits) and an 8-hex-digit counter; here on the day of the plan.
     */
    static String terraformUniqueSuffix(String seed) {
        var fraction = Long.toString(Long.parseLong(hex(seed, 8), 16) % 10_000L);
        return "20261202000000" + "0".repeat(4 - fraction.length()) + fraction + hex(seed + "/counter", 8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
