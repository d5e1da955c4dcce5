package io.pipeline.platform.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.platform.problem.InvalidFieldException;
import io.pipeline.platform.security.PipelineUser;
import io.pipeline.platform.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessTimePolicyTest {

    /** FY2026-Q4 (calendar fiscal year): 2026-10-01 to 2026-12-31; FY2026-Q3 ended 2026-10-01, grace until 10-06. */
    private static final Instant NOW = Instant.parse("2026-10-04T12:00:00Z");

    private static final PipelineUser REP = new PipelineUser("rep-1", Set.of(Role.REP), "team-1", "emea");
    private static final PipelineUser ADMIN = new PipelineUser("admin-1", Set.of(Role.ADMIN), null, null);

    private final ClosedPeriods closed = new ClosedPeriods();

    private BusinessTimePolicy at(Instant now) {
        return new BusinessTimePolicy(BusinessTimeSettings.defaults(), closed, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aBusinessTimeWithinTheClockSkewIsLiveAndOneBeyondItIsRefusedNamingTheField() {
        BusinessTimePolicy policy = at(NOW);

        assertThat(policy.admit("occurredAt", NOW.plusSeconds(299), REP)).isEqualTo(BusinessTimePolicy.Admission.LIVE);
        assertThatThrownBy(() -> policy.admit("occurredAt", NOW.plusSeconds(301), REP))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("occurredAt");
                    assertThat(e.reason()).contains("2026-10-04T12:05:01Z is in the future");
                });
    }

    @Test
    void theQuarterJustEndedTakesLateEntriesUntilItsGraceHasPassed() {
        Instant lateEntry = Instant.parse("2026-09-30T17:00:00Z");

        assertThat(at(NOW).admit("occurredAt", lateEntry, REP)).isEqualTo(BusinessTimePolicy.Admission.LIVE);
        // 2026-10-01T00:00Z + 5 days: closed from 2026-10-06T00:00Z on
        assertThat(at(Instant.parse("2026-10-05T23:59:59Z")).admit("occurredAt", lateEntry, REP))
                .isEqualTo(BusinessTimePolicy.Admission.LIVE);
        assertThatThrownBy(() -> at(Instant.parse("2026-10-06T00:00:00Z")).admit("occurredAt", lateEntry, REP))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.reason())
                        .contains("fiscal quarter FY2026-Q3, closed since 2026-10-06T00:00:00Z (PT120H after its end)"));
    }

    @Test
    void anExplicitCloseRefusesAtOnceAndAReopenOpensAQuarterEvenAfterItsGrace() {
        Instant lateEntry = Instant.parse("2026-09-30T17:00:00Z");
        closed.record(new PeriodDecision("FY2026-Q3", true, Instant.parse("2026-10-02T09:00:00Z"), "revops-1", "booked"));

        assertThatThrownBy(() -> at(NOW).admit("occurredAt", lateEntry, REP))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.reason())
                        .contains("fiscal quarter FY2026-Q3, closed since 2026-10-02T09:00:00Z by revops-1"));

        closed.record(new PeriodDecision("FY2026-Q3", false, Instant.parse("2026-10-20T09:00:00Z"), "admin-1", "fix"));
        BusinessTimePolicy later = at(Instant.parse("2026-10-21T00:00:00Z"));
        assertThat(later.admit("occurredAt", lateEntry, REP)).isEqualTo(BusinessTimePolicy.Admission.LIVE);
        assertThat(later.status(later.calendar().quarter(2026, 3)).state()).isEqualTo(PeriodStatus.State.OPEN);
    }

    @Test
    void aReplayedOlderDecisionDoesNotUndoANewerOne() {
        closed.record(new PeriodDecision("FY2026-Q3", false, Instant.parse("2026-10-20T09:00:00Z"), "admin-1", null));
        closed.record(new PeriodDecision("FY2026-Q3", true, Instant.parse("2026-10-02T09:00:00Z"), "revops-1", null));

        assertThat(closed.decision("FY2026-Q3")).get().extracting(PeriodDecision::closed).isEqualTo(false);
    }

    @Test
    void anAdminMayDateIntoAClosedQuarterAsAnException() {
        assertThat(at(NOW).admit("occurredAt", Instant.parse("2025-03-01T00:00:00Z"), ADMIN))
                .isEqualTo(BusinessTimePolicy.Admission.ADMIN_EXCEPTION);
        assertThat(at(NOW).admit("occurredAt", null, REP)).isEqualTo(BusinessTimePolicy.Admission.LIVE);
    }

    @Test
    void theQuartersAroundTodayShowWhichAreClosedAndSinceWhen() {
        var quarters = at(NOW).around(2, 1);

        assertThat(quarters).extracting(PeriodStatus::period)
                .containsExactly("FY2026-Q2", "FY2026-Q3", "FY2026-Q4", "FY2027-Q1");
        assertThat(quarters).extracting(PeriodStatus::state).containsExactly(PeriodStatus.State.CLOSED_BY_GRACE,
                PeriodStatus.State.OPEN, PeriodStatus.State.OPEN, PeriodStatus.State.OPEN);
        assertThat(quarters.get(0).since()).isEqualTo(Instant.parse("2026-07-06T00:00:00Z"));
        assertThat(quarters.get(0).end()).isEqualTo(LocalDate.of(2026, 7, 1));
    }
}
