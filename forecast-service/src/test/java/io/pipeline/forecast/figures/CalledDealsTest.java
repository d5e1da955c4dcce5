package io.pipeline.forecast.figures;

import static io.pipeline.forecast.figures.DealScript.at;
import static io.pipeline.forecast.figures.DealScript.context;
import static io.pipeline.forecast.figures.DealScript.opened;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalledDealsTest {

    // FY2026-Q3 = [2026-07-01, 2026-10-01); the call is made on Jul 20
    static final List<DealHistory> DEALS = List.of(
            opened("C1", "2026-07-01", "300", "2026-09-15", "COMMIT").history(),
            // called in Commit, then pushed into Q4 on Aug 5: it slips out of the call
            opened("C2", "2026-07-01", "200", "2026-09-20", "COMMIT").closeDate("2026-08-05", "2026-10-15").history(),
            // called in Commit and won on Aug 1: it is in Closed won now, not in the called deals
            opened("C3", "2026-07-01", "100", "2026-09-01", "COMMIT").won("2026-08-01").history(),
            // called in Best Case, its amount raised from 150 to 180
            opened("B1", "2026-07-01", "150", "2026-09-10", "BEST_CASE").amount("2026-08-10", "180").history(),
            // not called: the upside
            opened("U1", "2026-07-01", "400", "2026-09-25", "BEST_CASE").history(),
            opened("U2", "2026-07-01", "50", "2026-09-25", "COMMIT").history(),
            opened("P1", "2026-07-01", "999", "2026-09-25", "PIPELINE").history());

    @Test
    void aCalledDealThatSlipsOrClosesShowsItAndTheRestIsUnidentifiedOrUpside() {
        // as of Aug 20: Closed won 100 (C3)
        CalledDeals called = CalledDeals.of(DEALS, context("FY2026-Q3", "2026-08-20"), at("2026-07-20"),
                new BigDecimal("700"), new BigDecimal("1000"), List.of("C1", "C2", "C3"), List.of("B1"),
                new BigDecimal("100.00"));

        assertThat(called.deals()).extracting(CalledDeals.CalledDeal::change).containsExactly(
                CalledDeals.Change.UNCHANGED, CalledDeals.Change.SLIPPED, CalledDeals.Change.WON,
                CalledDeals.Change.AMOUNT_CHANGED);
        assertThat(called.deals().get(3).amountAtCall()).isEqualByComparingTo("150");
        assertThat(called.deals().get(3).amount()).isEqualByComparingTo("180");
        // Commit deals still open in Q3: C1 300 (C2 slipped, C3 won)
        assertThat(called.calledCommit()).isEqualByComparingTo("300");
        assertThat(called.calledBestCase()).isEqualByComparingTo("180");
        // 700 - 100 won - 300 = 300 expected from deals not named; 1000 - 100 - 300 - 180 = 420
        assertThat(called.unidentifiedCommit()).isEqualByComparingTo("300");
        assertThat(called.unidentifiedBestCase()).isEqualByComparingTo("420");
        // upside: open Commit and Best Case left out: U1 400 + U2 50 (P1 is Pipeline)
        assertThat(called.upside()).isEqualTo(new Measure(new BigDecimal("450.00"), 2));
        assertThat(called.upsideDeals()).containsExactly("U1", "U2");
    }

    @Test
    void beforeItSlippedTheSameDealIsUnchangedAndADealUnknownToTheScopeHasLeftIt() {
        CalledDeals called = CalledDeals.of(DEALS, context("FY2026-Q3", "2026-08-01"), at("2026-07-20"),
                new BigDecimal("500"), new BigDecimal("500"), List.of("C2", "GONE"), List.of(), BigDecimal.ZERO);

        assertThat(called.deals()).extracting(CalledDeals.CalledDeal::change)
                .containsExactly(CalledDeals.Change.UNCHANGED, CalledDeals.Change.LEFT_SCOPE);
        assertThat(called.calledCommit()).isEqualByComparingTo("200");
        assertThat(called.unidentifiedCommit()).isEqualByComparingTo("300");
    }
}
