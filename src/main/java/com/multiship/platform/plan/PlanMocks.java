package com.multiship.platform.plan;

import com.pulumi.test.Mocks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the providers: each resource's state is its inputs plus the attributes AWS would compute
 * (ids, ARNs, endpoints), deterministic so that two plans of the same program compare equal. Nothing here
 * decides what the program declares; it only lets the outputs it reads have plausible values.
 */
public final class PlanMocks implements Mocks {
    /** The account id every mocked ARN carries: the recorded caller identity's (see {@link InvokeFixtures}). */
    public static final String ACCOUNT = String.valueOf(InvokeFixtures.answer(
            "aws:index/getCallerIdentity:getCallerIdentity", Map.of(), "").get("accountId"));
    /** Every generated secret value of the offline plan starts with this. */
    public static final String MOCK_SECRET_PREFIX = "MOCK-GENERATED-SECRET-";

    private final Map<String, String> regionByProviderName = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var state = new HashMap<String, Object>(args.inputs);
        var id = args.name + "-id";
        if (args.type.startsWith("pulumi:providers:")) {
            Optional.ofNullable(args.inputs.get("region")).ifPresent(r -> regionByProviderName.put(args.name, r.toString()));
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
        }
        var region = regionOf(args.provider);
        var physicalName = String.valueOf(args.inputs.getOrDefault("name", args.inputs.getOrDefault("identifier", args.name)));
        state.putIfAbsent("name", physicalName);
        state.putIfAbsent("arn", arn(args.type, region, physicalName));
        switch (args.type) {
            case "aws:eks/cluster:Cluster" -> {
                var vpcConfig = new HashMap<String, Object>(map(args.inputs.get("vpcConfig")));
                vpcConfig.put("clusterSecurityGroupId", "sg-" + physicalName + "-cluster");
                state.put("vpcConfig", vpcConfig);
                state.put("endpoint", "https://" + physicalName + ".gr7." + region + ".eks.amazonaws.com");
                state.put("certificateAuthority", Map.of("data", "TU9DSy1DQQ=="));
                state.put("identities", List.of(Map.of("oidcs", List.of(Map.of("issuer",
                        "https://oidc.eks." + region + ".amazonaws.com/id/" + physicalName.toUpperCase())))));
            }
            case "aws:kms/key:Key" -> state.put("keyId", physicalName + "-key-id");
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" -> state.put("arn", "arn:aws:iam::" + ACCOUNT
                    + ":oidc-provider/" + String.valueOf(args.inputs.get("url")).replaceFirst("^https://", ""));
            case "aws:rds/instance:Instance" -> {
                var address = physicalName + ".cmock0example." + region + ".rds.amazonaws.com";
                var port = args.inputs.getOrDefault("port", 5432);
                state.put("identifier", physicalName);
                state.put("arn", "arn:aws:rds:" + region + ":" + ACCOUNT + ":db:" + physicalName);
                state.put("address", address);
                state.put("port", port);
                state.put("endpoint", address + ":" + ((Number) port).intValue());
                state.put("resourceId", "db-" + physicalName.toUpperCase().replace("-", ""));
                if (Boolean.TRUE.equals(args.inputs.get("manageMasterUserPassword"))) {
                    state.put("masterUserSecrets", List.of(Map.of("secretArn", "arn:aws:secretsmanager:" + region + ":"
                            + ACCOUNT + ":secret:rds!db-" + physicalName + "-AbCdEf", "secretStatus", "active")));
                }
            }
            // A recognisable value: tests check it never appears in a plan or an output.
            case "random:index/randomPassword:RandomPassword" -> state.put("result", MOCK_SECRET_PREFIX + args.name);
            case "aws:ecr/repository:Repository" -> {
                state.put("repositoryUrl", ACCOUNT + ".dkr.ecr." + region + ".amazonaws.com/" + physicalName);
                state.put("registryId", ACCOUNT);
            }
            case "aws:s3/bucketV2:BucketV2" -> {
                var bucket = String.valueOf(args.inputs.getOrDefault("bucket",
                        args.inputs.getOrDefault("bucketPrefix", args.name + "-") + "20250101000000000000000001"));
                state.put("bucket", bucket);
                state.put("arn", "arn:aws:s3:::" + bucket);
                state.put("bucketRegionalDomainName", bucket + ".s3." + region + ".amazonaws.com");
            }
            case "aws:cloudfront/distribution:Distribution" -> {
                state.put("arn", "arn:aws:cloudfront::" + ACCOUNT + ":distribution/" + id);
                state.put("domainName", "d" + Integer.toHexString(args.name.hashCode()) + ".cloudfront.net");
                state.put("hostedZoneId", "Z2FDTNDATAQYW2");
            }
            case "aws:acm/certificate:Certificate" -> {
                var domain = String.valueOf(args.inputs.get("domainName"));
                state.put("arn", "arn:aws:acm:" + region + ":" + ACCOUNT + ":certificate/" + id);
                state.put("domainValidationOptions", List.of(Map.of("domainName", domain,
                        "resourceRecordName", "_0f1e2d3c4b5a." + domain + ".",
                        "resourceRecordType", "CNAME",
                        "resourceRecordValue", "_a1b2c3d4e5f6.mocked.acm-validations.aws.")));
            }
            case "aws:route53/record:Record" -> state.put("fqdn", String.valueOf(args.inputs.get("name")).replaceAll("\\.$", ""));
            case "aws:cloudwatch/logDeliverySource:LogDeliverySource" ->
                    state.put("arn", "arn:aws:logs:" + region + ":" + ACCOUNT + ":delivery-source:" + physicalName);
            case "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination" ->
                    state.put("arn", "arn:aws:logs:" + region + ":" + ACCOUNT + ":delivery-destination:" + physicalName);
            case "aws:wafv2/webAcl:WebAcl" ->
                    state.put("arn", "arn:aws:wafv2:" + region + ":" + ACCOUNT + ":global/webacl/" + physicalName + "/" + id);
            case "aws:amp/workspace:Workspace" -> {
                var workspaceId = "ws-" + java.util.UUID.nameUUIDFromBytes(args.name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                state.put("arn", "arn:aws:aps:" + region + ":" + ACCOUNT + ":workspace/" + workspaceId);
                state.put("prometheusEndpoint", "https://aps-workspaces." + region + ".amazonaws.com/workspaces/"
                        + workspaceId + "/");
                return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(workspaceId), state));
            }
            case "aws:cloudwatch/logGroup:LogGroup" ->
                    state.put("arn", "arn:aws:logs:" + region + ":" + ACCOUNT + ":log-group:" + physicalName);
            default -> { }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    /** Every invoke is answered from a recorded, dated fixture ({@link InvokeFixtures}); none is made up here. */
    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.completedFuture(InvokeFixtures.answer(args.token, args.args, regionOf(args.provider)));
    }

    private String regionOf(String providerReference) {
        if (providerReference == null || providerReference.isEmpty()) {
            return "us-east-1";
        }
        // <urn>::<id>, and the URN ends with ::<provider name>
        var urn = providerReference.substring(0, providerReference.lastIndexOf("::"));
        var name = urn.substring(urn.lastIndexOf("::") + 2);
        return regionByProviderName.getOrDefault(name, "us-east-1");
    }

    private static String arn(String type, String region, String name) {
        var service = type.substring(type.indexOf(':') + 1, type.indexOf('/') > 0 ? type.indexOf('/') : type.length());
        var kind = type.substring(type.lastIndexOf(':') + 1).toLowerCase();
        var scope = service.equals("iam") || service.equals("s3") || service.equals("cloudfront") ? "" : region;
        return "arn:aws:" + service + ":" + scope + ":" + ACCOUNT + ":" + kind + "/" + name;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
