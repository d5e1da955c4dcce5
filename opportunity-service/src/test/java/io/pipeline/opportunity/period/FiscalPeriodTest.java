package io.pipeline.opportunity.period;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FiscalPeriodTest {

    private static final String STREAM = "fiscal-period/FY2026-Q3";
    private static final Instant MONDAY = Instant.parse("2026-10-05T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-10-20T09:00:00Z");

    private AggregateTestFixture<FiscalPeriod> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FiscalPeriod.class);
    }

    private static ClosePeriod close(String reason, Instant at, String actor) {
        return new ClosePeriod(STREAM, "FY2026-Q3", reason, at, actor);
    }

    private static ReopenPeriod reopen(String reason, Instant at, String actor) {
        return new ReopenPeriod(STREAM, "FY2026-Q3", reason, at, actor);
    }

    @Test
    void closingAQuarterNobodyDecidedAboutRecordsWhoClosedItWhenAndWhy() {
        fixture.givenNoPriorActivity()
                .when(close("books closed", MONDAY, "revops-1"))
                .expectEvents(new PeriodClosed("FY2026-Q3", "books closed", MONDAY, "revops-1"));
    }

    @Test
    void closingAClosedQuarterAgainRecordsNothing() {
        fixture.givenCommands(close("books closed", MONDAY, "revops-1"))
                .when(close("again", LATER, "admin-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reopeningAClosedQuarterRecordsTheReopen() {
        fixture.givenCommands(close("books closed", MONDAY, "revops-1"))
                .when(reopen("late invoice", LATER, "admin-1"))
                .expectEvents(new PeriodReopened("FY2026-Q3", "late invoice", LATER, "admin-1"));
    }

    @Test
    void reopeningAQuarterNobodyDecidedAboutOverridesItsGrace() {
        fixture.givenNoPriorActivity()
                .when(reopen(null, LATER, "admin-1"))
                .expectEvents(new PeriodReopened("FY2026-Q3", null, LATER, "admin-1"));
    }

    @Test
    void reopeningAReopenedQuarterRecordsNothingAndClosingItAgainDoes() {
        fixture.givenCommands(close(null, MONDAY, "revops-1"), reopen(null, LATER, "admin-1"))
                .when(reopen(null, LATER.plusSeconds(60), "admin-1"))
                .expectNoEvents();
    }

    @Test
    void aReopenedQuarterCanBeClosedAgain() {
        fixture.givenCommands(close(null, MONDAY, "revops-1"), reopen(null, LATER, "admin-1"))
                .when(close("done", LATER.plusSeconds(60), "revops-1"))
                .expectEvents(new PeriodClosed("FY2026-Q3", "done", LATER.plusSeconds(60), "revops-1"));
    }
}
