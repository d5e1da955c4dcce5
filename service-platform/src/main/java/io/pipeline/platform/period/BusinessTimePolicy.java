package io.pipeline.platform.period;

import io.pipeline.platform.problem.InvalidFieldException;
import io.pipeline.platform.security.PipelineUser;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule for the business time of a live command (DOMAIN terms: a command's {@code occurredAt}): it may not lie
 * in the future (beyond the clock skew) nor in a closed fiscal quarter, so no live command rewrites history the
 * figures already reported. A quarter is closed when RevOps or an admin closed it, or on its own once the grace
 * after its end has passed (unless they reopened it). An admin may still date a command anywhere (the demo's
 * history, corrections); such a command is recorded as imported, so the history shows it was not live.
 */
public class BusinessTimePolicy {

    /** What a command's business time is allowed as. */
    public enum Admission {
        /** Inside the live window: an ordinary command. */
        LIVE,
        /** Outside it, allowed only because an admin sent it: to be marked as imported. */
        ADMIN_EXCEPTION
    }

    private final BusinessTimeSettings settings;
    private final ClosedPeriods closed;
    private final Clock clock;
    private final FiscalCalendar calendar;

    public BusinessTimePolicy(BusinessTimeSettings settings, ClosedPeriods closed, Clock clock) {
        this.settings = settings;
        this.closed = closed;
        this.clock = clock;
        this.calendar = new FiscalCalendar(settings.fiscalYearStartMonth());
    }

    public FiscalCalendar calendar() {
        return calendar;
    }

    /**
     * Refuses (400 naming {@code field}) a non-admin's business time in the future or in a closed quarter.
     *
     * @param businessTime the command's business time; null means now, which is always live
     */
    public Admission admit(String field, Instant businessTime, PipelineUser user) {
        if (businessTime == null) {
            return Admission.LIVE;
        }
        Instant now = clock.instant();
        String refusal = null;
        if (businessTime.isAfter(now.plus(settings.clockSkew()))) {
            refusal = businessTime + " is in the future (now is " + now + ", clock skew allowed "
                    + settings.clockSkew() + ")";
        } else {
            PeriodStatus quarter = status(calendar.quarterOf(LocalDate.ofInstant(businessTime, settings.zone())), now);
            if (quarter.closed()) {
                refusal = businessTime + " is in fiscal quarter " + quarter.period() + ", closed since " + quarter.since()
                        + (quarter.state() == PeriodStatus.State.CLOSED ? " by " + quarter.by()
                        : " (" + settings.grace() + " after its end)")
                        + "; only an admin may record history there";
            }
        }
        if (refusal == null) {
            return Admission.LIVE;
        }
        if (user.isAdmin()) {
            return Admission.ADMIN_EXCEPTION;
        }
        throw new InvalidFieldException(field, refusal);
    }

    /** The quarter's state now. */
    public PeriodStatus status(Period quarter) {
        return status(quarter, clock.instant());
    }

    /** The quarters from {@code before} quarters ago to {@code after} quarters ahead of today's, oldest first. */
    public List<PeriodStatus> around(int before, int after) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, settings.zone());
        List<PeriodStatus> quarters = new ArrayList<>();
        for (int i = -before; i <= after; i++) {
            quarters.add(status(calendar.quarterOf(today.plusMonths(3L * i)), now));
        }
        return quarters;
    }

    /** Whether the quarter has ended (only an ended quarter can be closed). */
    public boolean ended(Period quarter) {
        return !LocalDate.ofInstant(clock.instant(), settings.zone()).isBefore(quarter.end());
    }

    private PeriodStatus status(Period quarter, Instant now) {
        PeriodDecision decision = closed.decision(quarter.id()).orElse(null);
        if (decision != null) {
            return new PeriodStatus(quarter.id(), quarter.start(), quarter.end(),
                    decision.closed() ? PeriodStatus.State.CLOSED : PeriodStatus.State.OPEN, decision.at(),
                    decision.by(), decision.reason());
        }
        Instant graceEnds = quarter.end().atStartOfDay(settings.zone()).toInstant().plus(settings.grace());
        return now.isBefore(graceEnds)
                ? new PeriodStatus(quarter.id(), quarter.start(), quarter.end(), PeriodStatus.State.OPEN, null, null, null)
                : new PeriodStatus(quarter.id(), quarter.start(), quarter.end(), PeriodStatus.State.CLOSED_BY_GRACE,
                graceEnds, null, null);
    }
}
