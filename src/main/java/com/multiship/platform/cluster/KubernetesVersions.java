package com.multiship.platform.cluster;

import com.multiship.platform.config.Problems;
import com.pulumi.aws.eks.EksFunctions;
import com.pulumi.aws.eks.inputs.GetClusterVersionsArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.Resource;

import java.util.Comparator;
import java.util.List;

/**
 * Whether EKS creates a cluster on the stack file's Kubernetes version today, asked of EKS itself
 * ({@code eks:DescribeClusterVersions} through {@code aws.eks.getClusterVersions}) at every preview and update; the
 * offline plan answers from the dated fixture {@code plan/invokes/aws_eks_getClusterVersions_getClusterVersions.json}.
 * EKS lists only versions under standard or extended support; past the end of extended support it creates no cluster
 * (EKS User Guide, "Amazon EKS extended support FAQs"). Production also refuses extended support: it costs more per
 * cluster hour and ends within a year.
 */
final class KubernetesVersions {
    static final String STANDARD_SUPPORT = "STANDARD_SUPPORT";
    static final String KEY = "platform:cluster.kubernetesVersion";

    /** A version EKS lists, with its support status. */
    record Offered(String version, String status) {}

    private KubernetesVersions() {}

    /** Adds the problems of {@code version} against what EKS offers to {@code problems}, in the settings' message form. */
    static void check(String version, List<Offered> offered, boolean production, Problems problems) {
        var creatable = offered.stream().map(Offered::version).sorted(BY_MINOR).toList();
        var standard = offered.stream().filter(o -> STANDARD_SUPPORT.equals(o.status())).map(Offered::version).sorted(BY_MINOR).toList();
        var rendered = "\"" + version + "\"";
        if (!creatable.contains(version)) {
            problems.invalid(KEY, rendered, "one of " + String.join(", ", creatable)
                    + " (the versions EKS creates clusters on, from eks:DescribeClusterVersions)");
        } else if (production && !standard.contains(version)) {
            problems.invalid(KEY, rendered, "one of " + String.join(", ", standard) + " in production (versions under EKS"
                    + " standard support; extended support costs more and ends sooner)");
        }
    }

    /**
     * The version, once EKS confirmed it can be created; otherwise the program stops with the settings problem before
     * the cluster is declared (a preview, which CI runs on every pull request, stops there too).
     */
    static Output<String> require(String version, boolean production, String stackFile, Resource parent) {
        return EksFunctions.getClusterVersions(GetClusterVersionsArgs.builder().build(),
                        InvokeOptions.builder().parent(parent).build())
                .applyValue(result -> {
                    var problems = new Problems(stackFile);
                    check(version, result.clusterVersions().stream()
                            .map(v -> new Offered(v.clusterVersion(), v.versionStatus())).toList(), production, problems);
                    problems.throwIfAny();
                    return version;
                });
    }

    private static final Comparator<String> BY_MINOR = Comparator.comparingInt(v -> Integer.parseInt(v.substring(v.indexOf('.') + 1)));
}
