package io.pipeline.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.contract.OpportunityEvent.Deal;
import io.pipeline.contract.OpportunityEvent.OpportunityOpened;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntegrationEventCodecTest {

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    private final OpportunityOpened opened = new OpportunityOpened(
            new Deal("opp-1", "acc-1", "Acme renewal", "rep-1", "team-1", "emea", "ENTERPRISE", "NEW_BUSINESS",
                    "enterprise", 1, new BigDecimal("125000.10"), "EUR", LocalDate.of(2026, 12, 15), "Qualified",
                    "PIPELINE", "OPEN", true),
            null, Instant.parse("2026-10-01T09:30:00Z"), "rep-1");

    @Test
    void writesAmountsAsDecimalStringsAndDatesAsIsoText() {
        String json = new String(codec.write(opened), StandardCharsets.UTF_8);

        assertThat(json).contains("\"amount\":\"125000.10\"")
                .contains("\"closeDate\":\"2026-12-15\"")
                .contains("\"occurredAt\":\"2026-10-01T09:30:00Z\"");
    }

    @Test
    void readsBackWhatItWroteToTheCent() {
        EventType type = EventType.of(opened);

        IntegrationEvent read = codec.read(type.name(), codec.write(opened));

        assertThat(read).isEqualTo(opened);
        assertThat(type.name()).isEqualTo("pipeline.opportunity.OpportunityOpened");
        assertThat(type.topic()).isEqualTo(Topics.OPPORTUNITIES);
    }

    @Test
    void ignoresFieldsItDoesNotKnowSoAddingOneBreaksNoConsumer() {
        String json = new String(codec.write(opened), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"addedLater\":7,");

        assertThat(codec.read("pipeline.opportunity.OpportunityOpened", json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(opened);
    }

    @Test
    void refusesUnknownTypesMalformedJsonAndEventsWithoutSubject() {
        assertThatThrownBy(() -> codec.read("pipeline.opportunity.Nope", "{}".getBytes()))
                .isInstanceOf(IntegrationEventCodec.UnreadableEventException.class).hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> codec.read(null, "{}".getBytes()))
                .hasMessageContaining("missing event type header");
        assertThatThrownBy(() -> codec.read("pipeline.opportunity.OpportunityOpened", "{not json".getBytes()))
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> codec.read("pipeline.opportunity.OpportunityOpened", "{\"deal\":null}".getBytes()))
                .isInstanceOf(IntegrationEventCodec.UnreadableEventException.class);
    }

    @Test
    void aPeriodEventIsKeyedByItsQuarterAndReadsBackAsWritten() {
        PeriodEvent.PeriodClosed closed = new PeriodEvent.PeriodClosed("FY2026-Q3", "books closed",
                java.time.Instant.parse("2026-10-05T09:00:00Z"), "revops-1");

        assertThat(closed.subject()).isEqualTo("FY2026-Q3");
        assertThat(codec.read("pipeline.period.PeriodClosed", codec.write(closed))).isEqualTo(closed);
    }

    @Test
    void aPlanEventReadsBackAsWrittenWithItsAmountsExact() {
        PlanEvent.QuotaSet quota = new PlanEvent.QuotaSet("FY2026-Q4", "team:emea-1", new java.math.BigDecimal("1250000.50"),
                java.time.Instant.parse("2026-10-01T08:00:00Z"), "admin-1");
        PlanEvent.ForecastCallSubmitted call = new PlanEvent.ForecastCallSubmitted("rep:r-1", "r-1", "FY2026-Q4",
                new java.math.BigDecimal("100.00"), new java.math.BigDecimal("250.00"), null, List.of("opp-1"), null,
                java.time.Instant.parse("2026-10-02T08:00:00Z"), "r-1");

        assertThat(quota.subject()).isEqualTo("team:emea-1");
        assertThat(quota.topic()).isEqualTo(Topics.PLAN);
        assertThat(new String(codec.write(quota))).contains("\"amount\":\"1250000.50\"");
        assertThat(codec.read("pipeline.plan.QuotaSet", codec.write(quota))).isEqualTo(quota);
        assertThat(codec.read("pipeline.plan.ForecastCallSubmitted", codec.write(call))).isEqualTo(call);
    }

    @Test
    void everyEventRecordHasAUniqueTypeName() {
        assertThat(EventType.all()).hasSize(LeadEvent.class.getPermittedSubclasses().length
                + OpportunityEvent.class.getPermittedSubclasses().length
                + PeriodEvent.class.getPermittedSubclasses().length
                + PlanEvent.class.getPermittedSubclasses().length);
        assertThat(EventType.named("pipeline.lead.LeadQualified")).isPresent();
        assertThat(EventType.named("pipeline.period.PeriodClosed")).get().extracting(EventType::topic)
                .isEqualTo(Topics.PERIODS);
    }
}
