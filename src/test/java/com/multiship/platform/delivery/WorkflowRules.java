package com.multiship.platform.delivery;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Security rules for a GitHub workflow, each problem as a message naming the file, the job and what to change.
 *
 * <ul>
 *   <li>No expression ({@code ${{ ... }}}) inside a {@code run:} block or an {@code actions/github-script} script:
 *       the runner substitutes it into the script text before the shell or Node reads it, so a commit message, a
 *       branch name or a pull-request title can run commands (GitHub's "Script injections",
 *       https://docs.github.com/en/actions/concepts/security/script-injections, and CodeQL's
 *       actions/code-injection). Values reach scripts through {@code env:}, read as quoted shell variables.</li>
 *   <li>Least privilege per job: the workflow grants nothing ({@code permissions: {}}); every job declares its own
 *       permissions, and each grant is used by that job: {@code contents: read} by a checkout, {@code id-token: write}
 *       by an AWS role assumption, {@code pull-requests: write} by a pull-request comment, {@code issues: write} by an
 *       issue it opens. Nothing else is granted.</li>
 * </ul>
 */
final class WorkflowRules {
    private static final String REUSABLE_DEPLOY = "./.github/workflows/pulumi-up.yml";

    private WorkflowRules() {}

    static List<String> problems(String file, JsonNode workflow) {
        var problems = new ArrayList<String>();
        var top = workflow.path("permissions");
        if (!top.isObject() || !top.isEmpty()) {
            problems.add(file + ": the workflow must grant nothing (permissions: {}), got " + top
                    + "; each job declares the permissions it uses");
        }
        workflow.path("jobs").fields().forEachRemaining(entry -> {
            var job = entry.getValue();
            var where = file + " job " + entry.getKey();
            injection(where, job, problems);
            permissions(where, job, problems);
        });
        return problems;
    }

    private static void injection(String where, JsonNode job, List<String> problems) {
        var steps = job.path("steps");
        for (int i = 0; i < steps.size(); i++) {
            var step = steps.get(i);
            var name = step.has("name") ? step.get("name").asText() : "step " + (i + 1);
            if (step.path("run").asText().contains("${{")) {
                problems.add(where + " '" + name + "': an expression inside run: is substituted into the script before "
                        + "the shell reads it; pass the value through env: and read it as a quoted variable");
            }
            if (step.path("uses").asText().startsWith("actions/github-script@")
                    && step.path("with").path("script").asText().contains("${{")) {
                problems.add(where + " '" + name + "': an expression inside a github-script script is substituted into "
                        + "the JavaScript; pass the value through env: and read process.env");
            }
        }
    }

    private static void permissions(String where, JsonNode job, List<String> problems) {
        var granted = job.path("permissions");
        if (!granted.isObject()) {
            problems.add(where + ": declares no permissions; list what the job uses (an empty job gets {})");
            return;
        }
        var used = used(job);
        var actual = new TreeMap<String, String>();
        granted.fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));
        for (var grant : actual.entrySet()) {
            var needed = used.get(grant.getKey());
            if (!grant.getValue().equals(needed)) {
                problems.add(where + ": grants " + grant.getKey() + ": " + grant.getValue() + " but "
                        + (needed == null ? "uses none" : "needs " + needed));
            }
        }
        used.forEach((scope, level) -> {
            if (!actual.containsKey(scope)) {
                problems.add(where + ": needs " + scope + ": " + level + " and does not grant it");
            }
        });
    }

    /** The permissions a job's steps (or the reusable deploy workflow it calls) use. */
    private static Map<String, String> used(JsonNode job) {
        var used = new TreeMap<String, String>();
        if (job.path("uses").asText().equals(REUSABLE_DEPLOY)) {
            used.put("contents", "read");
            used.put("id-token", "write");
        }
        for (var step : job.path("steps")) {
            var uses = step.path("uses").asText();
            var script = step.path("with").path("script").asText();
            if (uses.startsWith("actions/checkout@")) {
                used.put("contents", "read");
            }
            if (uses.startsWith("aws-actions/configure-aws-credentials@")) {
                used.put("id-token", "write");
            }
            if (uses.startsWith("actions/github-script@") && script.contains("Comment(")) {
                used.put("pull-requests", "write");
            }
            if (uses.startsWith("actions/github-script@") && script.contains("issues.create(")) {
                used.put("issues", "write");
            }
        }
        return used;
    }
}
