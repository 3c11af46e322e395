package com.multiship.platform.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multiship.platform.config.Environment;
import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.inputs.RepositoryEncryptionConfigurationArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ECR repository per service: images scanned on push, encrypted with KMS, tags immutable outside dev (a
 * release tag always names the same image), a lifecycle policy that keeps the last releases and expires untagged
 * images, protected in production.
 */
public final class Registry extends ComponentResource {
    /** Every repository lives under this prefix: {@code multiship/order-service}. */
    public static final String PREFIX = "multiship/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Output<String>> repositoryUrls = new LinkedHashMap<>();

    public Registry(String name, RegistryArgs args, ComponentResourceOptions options) {
        super("platform:registry:Registry", name, null, options);
        var environment = args.environment();
        var repositoryOptions = CustomResourceOptions.builder().parent(this).protect(environment.isProduction()).build();
        var child = CustomResourceOptions.builder().parent(this).build();
        for (var service : args.services()) {
            var repository = new Repository(name + "-" + service, RepositoryArgs.builder()
                    .name(PREFIX + service)
                    .imageTagMutability(environment == Environment.DEV ? "MUTABLE" : "IMMUTABLE")
                    .imageScanningConfiguration(RepositoryImageScanningConfigurationArgs.builder().scanOnPush(true).build())
                    // The AWS managed key aws/ecr; a change of encryption replaces the repository, so it is fixed here.
                    .encryptionConfigurations(RepositoryEncryptionConfigurationArgs.builder().encryptionType("KMS").build())
                    .forceDelete(environment == Environment.DEV)
                    .build(), repositoryOptions);
            new LifecyclePolicy(name + "-" + service + "-lifecycle", LifecyclePolicyArgs.builder()
                    .repository(repository.name())
                    .policy(lifecyclePolicy(args.settings().keepReleases()))
                    .build(), child);
            repositoryUrls.put(service, repository.repositoryUrl());
        }
        registerOutputs(Map.of("repositoryUrls", Output.all(List.copyOf(repositoryUrls.values()))));
    }

    /** The ECR lifecycle policy: untagged images expire after a day; of the {@code v*} releases, the newest are kept. */
    static String lifecyclePolicy(int keepReleases) {
        var rules = List.of(
                Map.of("rulePriority", 1,
                        "description", "Expire untagged images one day after push",
                        "selection", Map.of("tagStatus", "untagged", "countType", "sinceImagePushed",
                                "countUnit", "days", "countNumber", 1),
                        "action", Map.of("type", "expire")),
                Map.of("rulePriority", 2,
                        "description", "Keep the last " + keepReleases + " releases (v* tags)",
                        "selection", Map.of("tagStatus", "tagged", "tagPatternList", List.of("v*"),
                                "countType", "imageCountMoreThan", "countNumber", keepReleases),
                        "action", Map.of("type", "expire")));
        try {
            return JSON.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(Map.of("rules", rules));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository URLs by service, as one output (a stack output CI pushes images to). */
    public Output<Map<String, String>> repositoryUrlMap() {
        var names = List.copyOf(repositoryUrls.keySet());
        return Output.all(List.copyOf(repositoryUrls.values())).applyValue(urls -> {
            var map = new java.util.TreeMap<String, String>();
            for (int i = 0; i < names.size(); i++) {
                map.put(names.get(i), urls.get(i));
            }
            return (Map<String, String>) map;
        });
    }

    /** The repository URL of each service ({@code <account>.dkr.ecr.<region>.amazonaws.com/multiship/<service>}). */
    public Map<String, Output<String>> repositoryUrls() {
        return Map.copyOf(repositoryUrls);
    }
}
