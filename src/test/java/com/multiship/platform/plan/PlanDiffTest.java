package com.multiship.platform.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/plan-diff as bin/plan-review calls it: each stack's step limit from its own stack file. */
class PlanDiffTest {

    private static ObjectNode release(ObjectNode config, String service) {
        return (ObjectNode) Stacks.object(config, "services").get(service).get("release");
    }

    private static String run(String... args) {
        var previous = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            assertThat(PlanDiff.run(args)).isZero();
        } finally {
            System.setOut(previous);
        }
        return captured.toString();
    }

    @Test
    void takesEachStacksStepLimitFromItsStackFile(@TempDir Path dir) throws Exception {
        Stacks.plan("production").write(dir.resolve("production-base.json"));
        Stacks.plan("production", c -> release(c, "order-service").put("canaryWeight", 50)).write(dir.resolve("production-head.json"));
        Stacks.plan("dev").write(dir.resolve("dev-base.json"));
        Stacks.plan("dev", c -> release(c, "catalog-service").put("canaryWeight", 100)).write(dir.resolve("dev-head.json"));

        var report = run(dir.resolve("dev-base.json").toString(), dir.resolve("dev-head.json").toString(),
                dir.resolve("production-base.json").toString(), dir.resolve("production-head.json").toString(),
                "--stack-files", ".", "--markdown");

        // production allows 25 points per change (Pulumi.production.yaml); 10 -> 50 is flagged
        assertThat(report).contains("weight step of 40 points exceeds the maximum of 25: order-service route weighted subset green 10 -> 50");
        // dev sets no limit: its step of 50 raises no warning, only the route change
        assertThat(report).doesNotContain("catalog-service route weighted subset").contains("50 -> 100");
        assertThat(report).contains("### Stack `dev`: 1 changed, 0 added, 0 removed");
    }
}
