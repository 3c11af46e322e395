package com.multiship.platform.testing;

import com.multiship.platform.plan.Plan;
import com.multiship.platform.plan.PlannedResource;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A deliberately small comparison of two plans for tests: the names of the resources whose registration (inputs,
 * options, dependencies) differs, {@code +name} for added and {@code -name} for removed ones. The reusable plan
 * comparison with replacement and stateful flags lives in its own package.
 */
public final class PlanChanges {
    private PlanChanges() {}

    public static SortedSet<String> between(Plan before, Plan after) {
        Map<String, PlannedResource> old = before.resources().stream().collect(Collectors.toMap(PlannedResource::urn, Function.identity()));
        Map<String, PlannedResource> now = after.resources().stream().collect(Collectors.toMap(PlannedResource::urn, Function.identity()));
        var changes = new TreeSet<String>();
        old.forEach((urn, resource) -> {
            var next = now.get(urn);
            if (next == null) {
                changes.add("-" + resource.name());
            } else if (!Objects.equals(resource, next)) {
                changes.add(resource.name());
            }
        });
        now.forEach((urn, resource) -> {
            if (!old.containsKey(urn)) {
                changes.add("+" + resource.name());
            }
        });
        return changes;
    }
}
