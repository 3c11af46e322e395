package com.multiship.platform.testing;

import com.multiship.platform.plan.Plan;
import com.multiship.platform.plan.PlanComparison;
import com.multiship.platform.plan.PlannedResource;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The plan comparison ({@link PlanComparison}) as a set of names, for short assertions: the changed resources by name,
 * {@code +name} for added and {@code -name} for removed ones.
 */
public final class PlanChanges {
    private PlanChanges() {}

    public static SortedSet<String> between(Plan before, Plan after) {
        var comparison = PlanComparison.compare(before, after);
        var names = new TreeSet<String>();
        comparison.changed().forEach(change -> names.add(change.name()));
        comparison.added().stream().map(PlannedResource::name).forEach(name -> names.add("+" + name));
        comparison.removed().stream().map(PlannedResource::name).forEach(name -> names.add("-" + name));
        return names;
    }
}
