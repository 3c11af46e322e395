package com.multiship.platform.plan;

import com.pulumi.aws.s3.BucketV2;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark's floor (bin/bench): the smallest Pulumi Java program, one AWS resource, run under the same mock
 * engine, recording monitor and jar as the offline plan, writing its plan the same way. Not part of the platform.
 */
public final class FloorProgram {
    private FloorProgram() {}

    public static void main(String[] args) throws Exception {
        var mocks = new PlanMocks();
        var monitor = new AtomicReference<RecordingMonitor>();
        var result = PulumiTestInternal.builder()
                .options(TestOptions.builder().projectName("floor").stackName("floor").preview(false).build())
                .config(Map.of(), Set.of())
                .mocks(mocks)
                .monitorDecorator(original -> {
                    monitor.set(new RecordingMonitor(mocks, PulumiTestInternal.mockLog()));
                    return monitor.get();
                })
                .build()
                .runTest(ctx -> new BucketV2("floor"));
        result.throwOnError();
        new Plan("floor", "floor", new ArrayList<>(monitor.get().recorded()), Plan.emptyObject())
                .write(Path.of(args.length > 0 ? args[0] : "target/plan/floor.json"));
        PulumiTest.cleanup();
    }
}
