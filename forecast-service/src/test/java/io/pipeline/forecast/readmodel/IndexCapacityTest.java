package io.pipeline.forecast.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.forecast.config.MemorySettings;
import io.pipeline.forecast.figures.ConversionRates;
import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DealState;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.Hierarchy;
import io.pipeline.forecast.figures.LeadStep;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.platform.period.FiscalCalendar;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class IndexCapacityTest {

    static final MemorySettings SETTINGS = new MemorySettings(0.5, 100, 50, 10);

    @Test
    void theFootprintIsEstimatedFromTheEventCountsAndTheKeptPeriods() {
        IndexCapacity capacity = new IndexCapacity(SETTINGS, 1_000_000);

        // 1,000 deal events x (100 + 2 periods x 10) + 400 lead events x 50 = 120,000 + 20,000
        assertThat(capacity.estimatedBytes(1_000, 400, 2)).isEqualTo(140_000);
        assertThat(capacity.limitBytes()).isEqualTo(500_000);
    }

    /**
     * The kept periods an index may start are those the heap holds beside its events: here a limit of 500,000
     * bytes, 90% of it for the index: 450,000 - 1,000 deal events x 100 - 400 lead events x 50 = 330,000, at
     * 1,000 x 10 bytes a period: 33, of which the index keeps at most 12; a heap a tenth as large holds 3 (45,000 -
     * 120,000 < 0: none, but the current quarter and month are kept whatever it says).
     */
    @Test
    void anIndexKeepsAsManyPeriodsAsTheHeapHoldsBesideItsEvents() {
        DealIndex index = new DealIndex();
        for (int i = 0; i < 1_000; i++) {
            index.add(dealEvent("D-" + i));
        }
        for (int i = 0; i < 400; i++) {
            index.leads().add(new LeadStep("L-" + i, 0, Instant.parse("2026-07-01T00:00:00Z"), "CAPTURED", "rep-1",
                    "team-1", "region-1", "SMB", null));
        }
        IndexCapacity roomy = new IndexCapacity(SETTINGS, 1_000_000);
        assertThat(roomy.keptPeriodsThatFit(index)).isEqualTo(33);
        index.limitKeptPeriods(() -> roomy.keptPeriodsThatFit(index));
        assertThat(index.keptPeriodLimit()).isEqualTo(DealIndex.MAX_SETTLED_PERIODS);

        IndexCapacity tight = new IndexCapacity(SETTINGS, 100_000);
        assertThat(tight.keptPeriodsThatFit(index)).isZero();
        index.limitKeptPeriods(() -> tight.keptPeriodsThatFit(index));
        assertThat(index.keptPeriodLimit()).isEqualTo(2);
        // three periods asked in turn: the one asked longest ago is dropped
        FiscalCalendar calendar = new FiscalCalendar(1);
        for (String quarter : List.of("FY2026-Q1", "FY2026-Q2", "FY2026-Q3")) {
            assertThat(index.warm(FigureContext.of(calendar.parse("period", quarter), Scope.ORG,
                    Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC, calendar, Hierarchy.NONE,
                    ConversionRates.none("USD")))).isPresent();
        }
        assertThat(index.keptPeriods()).isEqualTo(2);
        assertThat(index.kept(calendar.parse("period", "FY2026-Q1"))).isEmpty();
        assertThat(index.kept(calendar.parse("period", "FY2026-Q3"))).isPresent();
    }

    @Test
    void beyondTheShareOfTheHeapTheIndexIsRefusedAndHealthIsOutOfServiceWithTheReason() {
        // 250 bytes of heap at half: 125 bytes, one deal event (100) fits, a lead event more (50) does not
        IndexCapacity capacity = new IndexCapacity(SETTINGS, 250);
        DealIndex index = new DealIndex();
        index.add(dealEvent());
        capacity.check(index);
        assertThat(capacity.health().getStatus()).isEqualTo(Status.UP);

        index.leads().add(new LeadStep("L", 0, Instant.parse("2026-07-01T00:00:00Z"), "CAPTURED", "rep-1", "team-1",
                "region-1", "SMB", null));

        assertThatThrownBy(() -> capacity.check(index)).isInstanceOf(IndexCapacity.ExceededException.class)
                .hasMessageContaining("1 deal events, 1 lead events, 0 kept periods");
        assertThat(capacity.refused()).isTrue();
        assertThat(capacity.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(capacity.health().getDetails().get("reason").toString()).contains("max-heap-fraction");
        // the refusal stays, even for a smaller index: the service takes nothing more until restarted
        assertThatThrownBy(() -> capacity.check(new DealIndex())).isInstanceOf(IndexCapacity.ExceededException.class);
    }

    @Test
    void aRebuildMustFitBesideTheServingIndexAndFailingItRefusesNothing() {
        // 400 bytes at half: 200; a deal event (100) in each index fits, a lead event (50) more does not
        IndexCapacity capacity = new IndexCapacity(SETTINGS, 400);
        DealIndex serving = new DealIndex();
        serving.add(dealEvent());
        DealIndex building = new DealIndex();
        building.add(dealEvent());
        capacity.checkBeside(serving, building);

        building.leads().add(new LeadStep("L", 0, Instant.parse("2026-07-01T00:00:00Z"), "CAPTURED", "rep-1",
                "team-1", "region-1", "SMB", null));

        assertThatThrownBy(() -> capacity.checkBeside(serving, building))
                .isInstanceOf(IndexCapacity.ExceededException.class).hasMessageContaining("the serving version stays");
        assertThat(capacity.refused()).isFalse();
        capacity.check(serving);
    }

    @Test
    void aRebuildStopsWhenTheOldGenerationStaysFullAfterCollectionWhateverTheEstimateSays() {
        double[] survived = {0.5};
        IndexCapacity capacity = new IndexCapacity(SETTINGS, 1_000_000, () -> survived[0]);
        DealIndex serving = new DealIndex();
        serving.add(dealEvent());
        DealIndex building = new DealIndex();
        building.add(dealEvent());
        capacity.checkBeside(serving, building);

        survived[0] = 0.95;

        // 200 estimated bytes of a 500,000-byte limit, but 95% of the old generation survived its collection
        assertThatThrownBy(() -> capacity.checkBeside(serving, building))
                .isInstanceOf(IndexCapacity.ExceededException.class)
                .hasMessageContaining("95% of the old generation survived").hasMessageContaining("the serving version stays");
        assertThat(capacity.refused()).isFalse();
        capacity.check(serving);
    }

    static DealEvent dealEvent() {
        return dealEvent("D");
    }

    static DealEvent dealEvent(String opportunityId) {
        return new DealEvent(opportunityId, 0, DealEvent.Kind.OPENED, Instant.parse("2026-07-01T00:00:00Z"),
                new DealState("rep-1", "team-1", "region-1", "SMB", new BigDecimal("100.00"), "USD",
                        LocalDate.parse("2026-09-15"), "Negotiation", "COMMIT", "OPEN", true), null, null);
    }
}
