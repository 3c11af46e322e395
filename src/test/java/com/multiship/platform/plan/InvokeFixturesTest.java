package com.multiship.platform.plan;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvokeFixturesTest {
    private static final Path DIRECTORY = Path.of("src/main/resources", InvokeFixtures.RESOURCE_DIRECTORY);

    @Test
    void answersFromTheRecordedFile() {
        assertThat(InvokeFixtures.answer("aws:index/getPartition:getPartition", Map.of(), "us-east-1"))
                .containsEntry("partition", "aws").containsEntry("dnsSuffix", "amazonaws.com");
        assertThat(InvokeFixtures.answer("aws:index/getCallerIdentity:getCallerIdentity", Map.of(), "us-east-1"))
                .containsEntry("accountId", PlanMocks.ACCOUNT);
    }

    @Test
    void answersByTheRegionOfTheInvokesProvider() {
        assertThat(InvokeFixtures.answer("aws:index/getRegion:getRegion", Map.of(), "us-west-2"))
                .containsEntry("name", "us-west-2").containsEntry("endpoint", "ec2.us-west-2.amazonaws.com");
        assertThat(InvokeFixtures.answer("aws:index/getRegion:getRegion", Map.of(), "us-east-2"))
                .containsEntry("name", "us-east-2");
    }

    @Test
    void failsOnAnInvokeWithNoRecordedAnswer() {
        assertThatThrownBy(() -> InvokeFixtures.answer("aws:ec2/getVpc:getVpc", Map.of(), "us-east-1"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("the offline plan has no recorded answer for the invoke aws:ec2/getVpc:getVpc: add "
                        + "src/main/resources/com/multiship/platform/plan/invokes/aws_ec2_getVpc_getVpc.json (see InvokeFixtures)");
    }

    @Test
    void failsOnARegionNoneWasRecordedFor() {
        assertThatThrownBy(() -> InvokeFixtures.answer("aws:index/getRegion:getRegion", Map.of(), "eu-west-3"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("the recorded answers for the invoke aws:index/getRegion:getRegion "
                        + "(com/multiship/platform/plan/invokes/aws_index_getRegion_getRegion.json, by [provider.region]) "
                        + "have none for \"eu-west-3\": record one");
    }

    /** Every fixture file says where and when it was recorded, and is named after the token it answers. */
    @Test
    void everyFixtureIsDatedAndSourced() throws IOException {
        try (var files = Files.list(DIRECTORY)) {
            for (var file : files.toList()) {
                var root = Plan.JSON.readTree(file.toFile());
                assertThat(root.path("source").asText()).as(file.toString()).isNotBlank();
                assertThat(LocalDate.parse(root.path("recorded").asText())).as(file.toString())
                        .isBeforeOrEqualTo(LocalDate.now());
                assertThat(root.has("result") || root.path("results").isObject()).as(file.toString()).isTrue();
            }
        }
    }
}
