package com.multiship.platform.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Cost and ownership of a stack, applied as default tags by every AWS provider.
 *
 * @param owner      the team answerable for the stack ({@code platform:owner}, required)
 * @param costCentre the budget the stack is billed to ({@code platform:costCentre}, required)
 */
public record Tags(String owner, String costCentre) {
    static final Pattern TAG_VALUE = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}$");
    static final String TAG_VALUE_ALLOWED = "an AWS tag value: 1-256 letters, digits, spaces or _.:/=+-@";

    /** The tags every taggable AWS resource of the stack carries, through the providers' default tags. */
    public Map<String, String> defaultTags(String project, String stack, Environment environment) {
        var tags = new LinkedHashMap<String, String>();
        tags.put("Project", project);
        tags.put("Stack", stack);
        tags.put("Environment", environment.id());
        tags.put("Owner", owner);
        tags.put("CostCentre", costCentre);
        tags.put("ManagedBy", "pulumi");
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
    }
}
