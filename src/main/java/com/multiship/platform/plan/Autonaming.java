package com.multiship.platform.plan;

import com.pulumi.core.annotations.Import;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The physical names the engine's providers give resources the program does not name, as the first {@code up} on
 * a fresh account would:
 *
 * <ul>
 *   <li>Bridged AWS resources: the auto-named property (the bridge's {@code info.AutoName}, pulumi-terraform-bridge
 *       {@code pkg/tfbridge/info/autonaming.go}) becomes the logical name, a separator and 7 random hex characters
 *       ({@code resource.NewUniqueName}, pulumi/pulumi {@code sdk/go/common/resource/resource_id.go}), and a name
 *       longer than the property's maximum fails the plan, as {@code NewUniqueName} fails the preview. Which
 *       property, maximum and transform: pulumi-aws's resource overrides ({@code aws_iam_role} name 64,
 *       {@code aws_s3_bucket} bucket 63 lower-cased, {@code aws_eks_node_group} nodeGroupName,
 *       {@code aws_sns_topic}/{@code aws_sqs_queue} 80, {@code aws_kms_alias} with {@code alias/}, ...), and
 *       {@code SetAutonaming(255, "-")} for every other resource with a string input {@code name}.</li>
 *   <li>When the program sets the conflicting {@code ...Prefix} input, the bridge does not auto-name
 *       ({@code buildConflictsWith} in {@code pkg/tfbridge/schema.go}); Terraform then names it prefix plus
 *       {@code id.PrefixedUniqueId}'s 26-character suffix.</li>
 *   <li>Kubernetes objects without {@code metadata.name}: the logical name, {@code -} and 8 hex characters
 *       (pulumi-kubernetes {@code provider/pkg/metadata/naming.go}, {@code NewUniqueName(seed, name + "-", 0, 0, nil)}).</li>
 * </ul>
 *
 * <p>The random part is a hash of the URN, so a plan is reproducible.
 */
final class Autonaming {
    private Autonaming() {}

    /**
     * How one type is auto-named.
     *
     * @param property       the input that holds the physical name
     * @param maxLength      the longest name the provider accepts from auto-naming
     * @param separator      between the logical name and the random part
     * @param lowercase      whether the logical name is lower-cased first
     * @param prefixProperty the input that, when set, makes Terraform name it instead (none: empty)
     * @param namePrefix     what the provider puts in front of the result ({@code alias/} for KMS aliases)
     */
    record Rule(String property, int maxLength, String separator, boolean lowercase, String prefixProperty,
                String namePrefix) {}

    private static final Map<String, Rule> OVERRIDES = Map.ofEntries(
            Map.entry("aws:iam/role:Role", new Rule("name", 64, "-", false, "namePrefix", "")),
            Map.entry("aws:iam/policy:Policy", new Rule("name", 128, "-", false, "namePrefix", "")),
            Map.entry("aws:lambda/function:Function", new Rule("name", 64, "-", false, "", "")),
            Map.entry("aws:cloudwatch/eventRule:EventRule", new Rule("name", 64, "-", false, "namePrefix", "")),
            Map.entry("aws:cloudwatch/metricAlarm:MetricAlarm", new Rule("name", 255, "-", false, "", "")),
            Map.entry("aws:eks/nodeGroup:NodeGroup", new Rule("nodeGroupName", 255, "-", false, "nodeGroupNamePrefix", "")),
            Map.entry("aws:eks/fargateProfile:FargateProfile", new Rule("fargateProfileName", 255, "-", false, "", "")),
            Map.entry("aws:s3/bucketV2:BucketV2", new Rule("bucket", 63, "-", true, "bucketPrefix", "")),
            Map.entry("aws:s3/bucket:Bucket", new Rule("bucket", 63, "-", true, "bucketPrefix", "")),
            Map.entry("aws:sns/topic:Topic", new Rule("name", 80, "-", false, "namePrefix", "")),
            Map.entry("aws:sqs/queue:Queue", new Rule("name", 80, "-", false, "namePrefix", "")),
            Map.entry("aws:kms/alias:Alias", new Rule("name", 238, "-", false, "namePrefix", "alias/")),
            Map.entry("aws:rds/instance:Instance", new Rule("identifier", 255, "-", true, "identifierPrefix", "")),
            Map.entry("aws:elasticache/replicationGroup:ReplicationGroup", new Rule("replicationGroupId", 40, "-", true, "", "")),
            Map.entry("aws:ec2/keyPair:KeyPair", new Rule("keyName", 255, "-", false, "keyNamePrefix", "")),
            Map.entry("aws:backup/restoreTestingPlan:RestoreTestingPlan", new Rule("name", 255, "_", false, "", "")));

    /** Route 53 record names are the DNS name itself: pulumi-aws opts them out of auto-naming. */
    private static final Map<String, Boolean> NEVER = Map.of("aws:route53/record:Record", true);

    private static final Map<String, Optional<Rule>> RULES = new ConcurrentHashMap<>();

    /** The rule for a type, when the provider auto-names it. */
    static Optional<Rule> rule(String type) {
        return RULES.computeIfAbsent(type, Autonaming::find);
    }

    private static Optional<Rule> find(String type) {
        if (NEVER.containsKey(type)) {
            return Optional.empty();
        }
        if (OVERRIDES.containsKey(type)) {
            return Optional.of(OVERRIDES.get(type));
        }
        if (!type.startsWith("aws:")) {
            return Optional.empty();
        }
        // SetAutonaming(255, "-"): every resource whose schema has a string input called "name".
        var inputs = inputsOf(type);
        if (inputs.containsKey("name") && inputs.get("name")) {
            return Optional.of(new Rule("name", 255, "-", false, inputs.containsKey("namePrefix") ? "namePrefix" : "", ""));
        }
        return Optional.empty();
    }

    /** The input names of a generated AWS args class, each with whether it is a string ({@code Output<String>}). */
    private static Map<String, Boolean> inputsOf(String type) {
        // aws:<module>/<camelType>:<Type> -> com.pulumi.aws.<module>.<Type>Args
        var module = type.substring(4, type.indexOf('/'));
        var simple = type.substring(type.lastIndexOf(':') + 1);
        var pkg = "index".equals(module) ? "com.pulumi.aws" : "com.pulumi.aws." + module.toLowerCase(Locale.ROOT);
        var inputs = new HashMap<String, Boolean>();
        try {
            var args = Class.forName(pkg + "." + simple + "Args");
            for (var field : args.getDeclaredFields()) {
                var annotation = field.getAnnotation(Import.class);
                if (annotation != null) {
                    inputs.put(annotation.name(), field.getGenericType().getTypeName().contains("Output<java.lang.String>"));
                }
            }
        } catch (ClassNotFoundException e) {
            // Not a generated AWS resource: nothing is auto-named.
        }
        return inputs;
    }

    /**
     * The inputs as the provider's check returns them: the auto-named property filled in where the program left
     * it out.
     *
     * @throws IllegalStateException when the auto-name would be longer than the provider accepts (the preview fails)
     */
    static Map<String, Object> apply(String type, String logicalName, Map<String, Object> inputs, String seed) {
        if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh/")) {
            var metadata = PlanMocks.map(inputs.get("metadata"));
            if (inputs.containsKey("metadata") && !metadata.containsKey("name") && !metadata.containsKey("generateName")) {
                var named = new HashMap<String, Object>(metadata);
                named.put("name", logicalName + "-" + PlanMocks.hex(seed, 8));
                var result = new HashMap<String, Object>(inputs);
                result.put("metadata", named);
                return result;
            }
            return inputs;
        }
        var rule = rule(type);
        if (rule.isEmpty() || inputs.containsKey(rule.get().property())) {
            return inputs;
        }
        var r = rule.get();
        var result = new HashMap<String, Object>(inputs);
        if (!r.prefixProperty().isEmpty() && inputs.get(r.prefixProperty()) != null) {
            result.put(r.property(), inputs.get(r.prefixProperty()) + PlanMocks.terraformUniqueSuffix(seed));
            return result;
        }
        var base = (r.lowercase() ? logicalName.toLowerCase(Locale.ROOT) : logicalName) + r.separator();
        if (base.length() + 7 > r.maxLength()) {
            throw new IllegalStateException("name '" + base + "' plus 7 random chars is longer than maximum length "
                    + r.maxLength() + " (the auto-name of " + type + " " + logicalName + "): set " + r.property()
                    + " or a shorter logical name");
        }
        result.put(r.property(), r.namePrefix() + base + PlanMocks.hex(seed, 7));
        return result;
    }

    /** Whether Terraform, not the bridge, names it: the program set the prefix and not the name (known only after create). */
    static boolean namedAtCreate(String type, Map<String, Object> inputs) {
        return rule(type).filter(r -> !r.prefixProperty().isEmpty() && !inputs.containsKey(r.property())
                && inputs.get(r.prefixProperty()) != null).isPresent();
    }

    /** The physical name in (checked) inputs: the auto-named property, or a Kubernetes object's metadata.name. */
    static Optional<String> physicalName(String type, Map<String, Object> inputs) {
        if (type.startsWith("kubernetes:")) {
            var metadata = PlanMocks.map(inputs.get("metadata"));
            var name = metadata.containsKey("name") ? metadata.get("name") : inputs.get("name");
            return Optional.ofNullable(name).map(String::valueOf);
        }
        var property = rule(type).map(Rule::property).orElse("name");
        return Optional.ofNullable(inputs.get(property)).map(String::valueOf);
    }
}
