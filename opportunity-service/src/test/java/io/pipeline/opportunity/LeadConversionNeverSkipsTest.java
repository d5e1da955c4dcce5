package io.pipeline.opportunity;

import static io.pipeline.opportunity.LeadConversionConsumerTest.conversion;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeadConversionNeverSkipsTest extends LeadConversionFaults {

    @Test
    void aConversionThatFailsIsRetriedWhileLaterOnesOfItsPartitionWaitAndOtherPartitionsAreNotSkipped() {
        failTimes("never-skip-x", 2);
        watch("never-skip-y");
        watch("never-skip-z");
        sendTogether(
                onPartition(0, RECORDS.toRecord(conversion("never-skip-x", "SMB"), "event-never-skip-x", 5, null)),
                onPartition(1, RECORDS.toRecord(conversion("never-skip-y", "SMB"), "event-never-skip-y", 5, null)),
                onPartition(0, RECORDS.toRecord(conversion("never-skip-z", "SMB"), "event-never-skip-z", 5, null)));

        awaitOpened("never-skip-x");
        awaitOpened("never-skip-y");
        awaitOpened("never-skip-z");
        // two failures and the attempt that opened it; z, after x on its partition, waited for x
        assertThat(attempts.stream().filter("never-skip-x"::equals).count()).isEqualTo(3);
        assertThat(attempts.lastIndexOf("never-skip-x")).isLessThan(attempts.indexOf("never-skip-z"));
        assertThat(http.get("/actuator/health/leadConversions").json().get("status").asString()).isEqualTo("UP");
    }
}
