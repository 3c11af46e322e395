package com.multiship.platform.config;

import com.pulumi.Context;
import com.pulumi.deployment.internal.DeploymentImpl;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A stack's raw config, as the Pulumi CLI hands it to the program.
 *
 * @param project       the project name and config namespace
 * @param stack         the stack name
 * @param projectValues every key of the project namespace present in the stack, without the namespace, to its raw text
 * @param secretKeys    which of those keys are secrets (the settings reject them: no secret belongs in a stack file)
 * @param awsRegion     {@code aws:region}
 */
public record StackConfig(String project, String stack, Map<String, String> projectValues, Set<String> secretKeys,
                          Optional<String> awsRegion) {

    /** The stack file an operator edits. */
    public String stackFile() {
        return "Pulumi." + stack + ".yaml";
    }

    /**
     * Reads the stack's config through {@code ctx.config()}, the SDK's real path.
     *
     * <p>The SDK can read a key but cannot list them, and a typo is exactly a key nobody asks for; so the names of
     * the keys present are taken from the same JSON the SDK itself parses ({@code PULUMI_CONFIG}, {@code
     * PULUMI_CONFIG_SECRET_KEYS}, see {@link #fromEngine(Context)}), and only the names: every value is still read
     * through {@code ctx.config()}.
     *
     * @param configKeys       every config key of the stack, {@code "<namespace>:<key>"}
     * @param secretConfigKeys the secret ones among them
     */
    public static StackConfig read(Context ctx, Set<String> configKeys, Set<String> secretConfigKeys) {
        var project = ctx.projectName();
        var prefix = project + ":";
        var values = new TreeMap<String, String>();
        var secrets = new TreeSet<String>();
        for (var fullKey : configKeys) {
            if (fullKey.startsWith(prefix)) {
                var key = fullKey.substring(prefix.length());
                ctx.config().get(key).ifPresent(value -> values.put(key, value));
                if (secretConfigKeys.contains(fullKey)) {
                    secrets.add(key);
                }
            }
        }
        return new StackConfig(project, ctx.stackName(), values, secrets, ctx.config("aws").get("region"));
    }

    /** As {@link #read(Context, Set, Set)}, with the key names from the engine's environment. */
    public static StackConfig fromEngine(Context ctx) {
        var config = Optional.ofNullable(System.getenv("PULUMI_CONFIG")).orElse("{}");
        var secret = Optional.ofNullable(System.getenv("PULUMI_CONFIG_SECRET_KEYS")).orElse("[]");
        return read(ctx, DeploymentImpl.Config.parseConfig(config).keySet(),
                DeploymentImpl.Config.parseConfigSecretKeys(secret));
    }

    /**
     * The config of a stack read without the engine, from the {@code PULUMI_CONFIG}-shaped map that
     * {@code plan.StackFiles#engineConfig()} makes of the stack files: for tools that need the validated settings of a
     * stack but declare nothing, such as the release gate.
     *
     * @param engineConfig {@code "<namespace>:<key>"} to the value as the CLI would send it
     * @param secretKeys   the keys written as {@code secure:} (full names)
     */
    public static StackConfig fromEngineConfig(String project, String stack, Map<String, String> engineConfig,
                                               Set<String> secretKeys) {
        var prefix = project + ":";
        var values = new TreeMap<String, String>();
        var secrets = new TreeSet<String>();
        engineConfig.forEach((fullKey, value) -> {
            if (fullKey.startsWith(prefix)) {
                values.put(fullKey.substring(prefix.length()), value);
                if (secretKeys.contains(fullKey)) {
                    secrets.add(fullKey.substring(prefix.length()));
                }
            }
        });
        return new StackConfig(project, stack, values, secrets, Optional.ofNullable(engineConfig.get("aws:region")));
    }
}
