package com.multiship.platform.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The GitHub workflows, validated offline: structure, pinned actions, permissions, every stack covered. */
class WorkflowsTest {
    private static final Path WORKFLOWS = Path.of(".github/workflows");
    private static final YAMLMapper YAML = new YAMLMapper();
    // An exact release (vX.Y.Z) or a full commit SHA; never a moving major tag or a branch.
    private static final Pattern PINNED = Pattern.compile("^[\\w.-]+/[\\w./-]+@(v\\d+\\.\\d+\\.\\d+|[0-9a-f]{40})$");

    private static JsonNode workflow(String file) throws IOException {
        return YAML.readTree(WORKFLOWS.resolve(file).toFile());
    }

    private static List<JsonNode> steps(JsonNode workflow) {
        var steps = new ArrayList<JsonNode>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(steps::add));
        return steps;
    }

    @Test
    void everyActionIsPinnedToAnExactVersion() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (var file : files.toList()) {
                for (var step : steps(YAML.readTree(file.toFile()))) {
                    if (step.has("uses")) {
                        assertThat(step.get("uses").asText()).as("%s in %s", step.get("uses"), file).matches(PINNED);
                    }
                }
            }
        }
    }

    @Test
    void noWorkflowSplicesAnExpressionIntoAScriptAndEveryJobHoldsOnlyThePermissionsItUses() throws IOException {
        var problems = new ArrayList<String>();
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (var file : files.sorted().toList()) {
                problems.addAll(WorkflowRules.problems(file.getFileName().toString(), YAML.readTree(file.toFile())));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void failsACommitMessageSplicedIntoTheDeployCommand() throws IOException {
        var workflow = YAML.readTree("""
                permissions: {}
                jobs:
                  up:
                    permissions: { contents: read, id-token: write }
                    steps:
                      - uses: actions/checkout@v7.0.1
                      - uses: aws-actions/configure-aws-credentials@v6.2.3
                        with: { role-to-assume: arn }
                      - name: pulumi up
                        run: pulumi up --message "${{ github.event.head_commit.message }}"
                """);
        assertThat(WorkflowRules.problems("pulumi-up.yml", workflow)).containsExactly(
                "pulumi-up.yml job up 'pulumi up': an expression inside run: is substituted into the script before the "
                        + "shell reads it; pass the value through env: and read it as a quoted variable");
    }

    @Test
    void failsABranchNameSplicedIntoAGithubScript() throws IOException {
        var workflow = YAML.readTree("""
                permissions: {}
                jobs:
                  comment:
                    permissions: { pull-requests: write }
                    steps:
                      - name: comment
                        uses: actions/github-script@v8.0.0
                        with:
                          script: |
                            await github.rest.issues.createComment({ body: "${{ github.head_ref }}" });
                """);
        assertThat(WorkflowRules.problems("pull-request.yml", workflow)).containsExactly(
                "pull-request.yml job comment 'comment': an expression inside a github-script script is substituted "
                        + "into the JavaScript; pass the value through env: and read process.env");
    }

    @Test
    void failsWorkflowWidePermissionsAndGrantsAJobDoesNotUse() throws IOException {
        var workflow = YAML.readTree("""
                permissions: { contents: read, id-token: write, issues: write }
                jobs:
                  drift:
                    permissions: { contents: read, id-token: write, issues: write }
                    steps:
                      - uses: actions/checkout@v7.0.1
                  lint:
                    steps:
                      - run: echo lint
                  report:
                    permissions: {}
                    steps:
                      - uses: actions/github-script@v8.0.0
                        with: { script: "await github.rest.issues.create({ title: 'drift' });" }
                """);
        assertThat(WorkflowRules.problems("drift.yml", workflow)).containsExactly(
                "drift.yml: the workflow must grant nothing (permissions: {}), got "
                        + "{\"contents\":\"read\",\"id-token\":\"write\",\"issues\":\"write\"}; each job declares the permissions it uses",
                "drift.yml job drift: grants id-token: write but uses none",
                "drift.yml job drift: grants issues: write but uses none",
                "drift.yml job lint: declares no permissions; list what the job uses (an empty job gets {})",
                "drift.yml job report: needs issues: write and does not grant it");
    }

    @Test
    void workflowsNeverUseLongLivedAwsKeys() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (var file : files.toList()) {
                var text = Files.readString(file);
                var workflow = YAML.readTree(file.toFile());
                assertThat(text).as(file.toString()).doesNotContain("AWS_ACCESS_KEY_ID").doesNotContain("AWS_SECRET_ACCESS_KEY");
                for (var step : steps(workflow)) {
                    if (step.path("uses").asText().startsWith("aws-actions/configure-aws-credentials@")) {
                        assertThat(step.path("with").has("role-to-assume")).as("OIDC role in %s", file).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void pullRequestsTestPlanAndPreviewEveryStackWithThePolicyPackIntoOneComment() throws IOException {
        var workflow = workflow("pull-request.yml");
        var jobs = workflow.path("jobs");
        assertThat(jobs.path("test").toString()).contains("bash .ci/run");
        assertThat(jobs.path("plan-review").toString()).contains("bin/plan-review");
        var preview = jobs.path("preview");
        assertThat(YAML.convertValue(preview.path("strategy").path("matrix").path("stack"), List.class))
                .containsExactlyElementsOf(Stacks.ALL);
        assertThat(preview.path("permissions").path("id-token").asText()).isEqualTo("write");
        assertThat(preview.toString()).contains("pulumi preview --stack").contains("--policy-pack policies");
        var comment = jobs.path("comment");
        assertThat(YAML.convertValue(comment.path("needs"), List.class)).containsExactlyInAnyOrder("plan-review", "preview");
        assertThat(comment.path("permissions").path("pull-requests").asText()).isEqualTo("write");
        // one comment found again by its marker and updated, not one per stack
        assertThat(comment.toString()).contains("multiship-plan-review").contains("updateComment");
        assertThat(workflow.path("permissions").has("pull-requests")).isFalse();
    }

    @Test
    void deploysFromOneTriggerDevThenStagingAndProductionBehindReviewers() throws IOException {
        var deploy = workflow("deploy.yml");
        assertThat(YAML.convertValue(deploy.path("on").path("push").path("branches"), List.class)).containsExactly("develop", "main");
        assertThat(deploy.path("on").has("pull_request")).isFalse();
        var jobs = deploy.path("jobs");
        assertThat(jobs.path("dev").path("if").asText()).isEqualTo("github.ref == 'refs/heads/develop'");
        assertThat(jobs.path("staging").path("needs").asText()).isEqualTo("dev");
        assertThat(jobs.path("production").path("if").asText()).isEqualTo("github.ref == 'refs/heads/main'");
        assertThat(jobs.path("production").path("with").path("environment").asText()).isEqualTo("production");
        var stacks = new ArrayList<String>();
        jobs.forEach(job -> stacks.add(job.path("with").path("stack").asText()));
        assertThat(stacks).containsExactlyElementsOf(Stacks.ALL);
    }

    @Test
    void anUpdateRunsInTheStacksEnvironmentAndNeverOverlapsAnotherUpdateOfTheSameStack() throws IOException {
        var up = workflow("pulumi-up.yml").path("jobs").path("up");
        assertThat(up.path("environment").asText()).isEqualTo("${{ inputs.environment }}");
        assertThat(up.path("concurrency").path("group").asText()).isEqualTo("stack-${{ inputs.stack }}");
        assertThat(up.path("concurrency").path("cancel-in-progress").asBoolean()).isFalse();
        assertThat(up.toString()).contains("pulumi up --stack").contains("--policy-pack policies");
        // the drift check shares the group, so it never runs during an update
        assertThat(workflow("drift.yml").path("jobs").path("drift").path("concurrency").path("group").asText())
                .isEqualTo("stack-${{ matrix.stack }}");
    }

    @Test
    void driftIsCheckedNightlyForEveryStackWithoutWritingState() throws IOException {
        var drift = workflow("drift.yml");
        assertThat(drift.path("on").path("schedule").get(0).path("cron").asText()).isNotBlank();
        var job = drift.path("jobs").path("drift");
        assertThat(YAML.convertValue(job.path("strategy").path("matrix").path("stack"), List.class)).containsExactlyElementsOf(Stacks.ALL);
        assertThat(job.toString()).contains("pulumi preview --stack").contains("--refresh").contains("--expect-no-changes")
                .doesNotContain("pulumi refresh");
    }

    @Test
    void everyStackFileHasAPolicyPackConfigTheWorkflowsPass() {
        for (var stack : Stacks.ALL) {
            assertThat(Path.of("policies/policy-config." + stack + ".json")).as("policy config of %s", stack).exists();
        }
    }
}
