package com.multiship.platform.plan;

import com.pulumi.aws.s3.BucketV2;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's floor (bin/bench): the smallest Pulumi Java program, one AWS resource, run through the offline
 * plan's own runner (same mock engine, recording monitor and jar) and written the same way. Not part of the platform.
 */
public final class FloorProgram {
    private FloorProgram() {}

    public static void main(String[] args) throws Exception {
        PlanRunner.run("floor", "floor", Map.of(), Set.of(), ctx -> new BucketV2("floor"))
                .write(Path.of(args.length > 0 ? args[0] : "target/plan/floor.json"));
    }
}
