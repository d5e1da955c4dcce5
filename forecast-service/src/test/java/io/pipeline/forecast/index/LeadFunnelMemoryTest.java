package io.pipeline.forecast.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.bench.DealGenerator;
import io.pipeline.forecast.figures.ConversionRates;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.Hierarchy;
import io.pipeline.forecast.figures.LeadFunnel;
import io.pipeline.forecast.figures.LeadStep;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.figures.WeightedForecast;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.forecast.projection.DealEvents;
import io.pipeline.forecast.projection.EventMeta;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lead funnel query over a large history holds no more than its period's cohort: over 2 years of 300,000 leads
 * (1.5M lead events, each converted into one of 50,000 generated deals), each query of a month, at every scope,
 * now and as of an instant inside it, allocates a fixed amount per lead of the cohort, nothing per lead outside
 * it: far less than the history's lead events would take as objects (the query before the lead index read every
 * lead row of the scope, 1.5M rows at org scope here, and every deal's history).
 */
class LeadFunnelMemoryTest {

    static final int LEADS = 300_000;
    static final int DEALS = 50_000;
    static final FiscalCalendar CALENDAR = new FiscalCalendar(1);
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    /**
     * What one query may allocate per lead of its cohort (a month's cohort is about 12,500 leads here), whatever
     * the history's size: the cohort's steps built from the columns, and its converted deals' events read for Won.
     */
    static final long BYTES_PER_COHORT_LEAD = 2_048;
    static final long FIXED_BYTES = 1L << 20;

    static final Instant NOW = Instant.parse("2028-01-01T00:00:00Z");

    static DealIndex index;

    @BeforeAll
    static void generate() {
        index = new DealIndex();
        DealGenerator deals = new DealGenerator("deal", "region-0", START, 7);
        deals.generate(0, DEALS, 8, g -> index.add(DealEvents.of(g.event(),
                new EventMeta(g.eventId(), g.sequence(), g.event().getClass().getSimpleName()))));
        long withoutLeads = usedHeapAfterGc();
        Random random = new Random(11);
        String[] states = {"MQL", "SQL", "SAL", "CONVERTED"};
        for (int lead = 0; lead < LEADS; lead++) {
            String id = "lead-" + lead;
            String rep = "rep-" + random.nextInt(200);
            String team = "team-" + (rep.hashCode() & 0x1f);
            String segment = random.nextBoolean() ? "SMB" : "ENTERPRISE";
            Instant at = START.plus(Duration.ofMinutes(random.nextInt(730 * 24 * 60)));
            index.leads().add(new LeadStep(id, 0, at, "CAPTURED", rep, team, "region-0", segment, null));
            for (int sequence = 1; sequence <= 4; sequence++) {
                at = at.plus(Duration.ofHours(1 + random.nextInt(20 * 24)));
                String state = states[sequence - 1];
                String opportunity = state.equals("CONVERTED") ? deals.dealId(random.nextInt(DEALS)) : null;
                index.leads().add(new LeadStep(id, sequence, at, state, rep, team, "region-0", segment,
                        opportunity));
            }
        }
        // printed for the README's heap per lead event (not asserted: a collection's precision is not a test's)
        System.out.printf("lead index: %.0f bytes per lead event (%d leads, %d events)%n",
                (double) (usedHeapAfterGc() - withoutLeads) / index.leads().eventCount(), index.leads().leadCount(),
                index.leads().eventCount());
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aFunnelQueryAllocatesABoundedAmountWhateverTheHistorysSize() {
        assertThat(index.leads().eventCount()).isEqualTo(5L * LEADS);
        long largest = 0;
        long slowest = 0;
        for (String scope : List.of("org", "region:region-0", "team:team-3", "rep:rep-17", "segment:SMB")) {
            for (Instant asOf : List.of(NOW, Instant.parse("2025-08-15T00:00:00Z"))) {
                FigureContext ctx = context("FY2025-M08", scope, asOf);
                index.leads().funnel(ctx, index::history); // warm: class loading and the JIT allocate too
                long before = allocatedBytes();
                long started = System.nanoTime();
                LeadFunnel funnel = index.leads().funnel(ctx, index::history);
                slowest = Math.max(slowest, System.nanoTime() - started);
                long allocated = allocatedBytes() - before;
                largest = Math.max(largest, allocated);
                long cohort = funnel.steps().get(0).reached();
                assertThat(allocated).as("%s as of %s, cohort %d", scope, asOf, cohort)
                        .isLessThan(FIXED_BYTES + BYTES_PER_COHORT_LEAD * cohort);
                if (scope.equals("org") && asOf.equals(NOW)) {
                    // about one lead in 24 was captured in August 2025 (two years of captures)
                    assertThat(funnel.steps().get(0).reached()).isBetween(LEADS / 24 - 1_500L, LEADS / 24 + 1_500L);
                }
            }
        }
        // printed for the README (the test JVM runs without the full JIT: a service is faster)
        System.out.printf("lead funnel: at most %.1f MB allocated and %.1f ms per query over %d leads, %d events%n",
                largest / 1e6, slowest / 1e6, index.leads().leadCount(), index.leads().eventCount());
    }

    @Test
    void theWeightedForecastIsHandedTheDealsOfItsStretchOnly() {
        // FY2025-M03 with 4 months of lookback: November 2024 to March 2025, of deals opened through 2025
        FigureContext ctx = context("FY2025-M03", "org", NOW);
        LocalDate from = WeightedForecast.lookbackPeriods(ctx, 4).get(0).start();
        long before = allocatedBytes();
        int stretch = index.concerningSince(from, ctx).size();
        long stretchBytes = allocatedBytes() - before;
        before = allocatedBytes();
        int every = index.all(NOW).size();
        long everyBytes = allocatedBytes() - before;
        System.out.printf("weighted forecast: %d of %d deals handed (%.1f of %.1f MB allocated)%n", stretch, every,
                stretchBytes / 1e6, everyBytes / 1e6);
        assertThat(every).isEqualTo(DEALS);
        assertThat(stretch).isLessThan(DEALS / 3);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static FigureContext context(String period, String scope, Instant asOf) {
        return FigureContext.of(CALENDAR.parse("period", period), Scope.parse("scope", scope), asOf, ZoneOffset.UTC,
                CALENDAR, Hierarchy.NONE, ConversionRates.none("USD"));
    }
}
