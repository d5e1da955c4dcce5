package io.pipeline.opportunity.period;

import io.pipeline.platform.period.BusinessTimePolicy;
import io.pipeline.platform.period.ClosedPeriods;
import io.pipeline.platform.period.Period;
import io.pipeline.platform.period.PeriodDecision;
import io.pipeline.platform.period.PeriodStatus;
import io.pipeline.platform.problem.InvalidFieldException;
import io.pipeline.platform.security.PipelineUser;
import io.pipeline.platform.security.Role;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fiscal quarters and whether they still take live commands. Every role reads them; RevOps and admins close a
 * quarter that has ended (before its grace runs out, once the books are done) or reopen one for corrections.
 */
@RestController
@RequestMapping("/api/periods")
public class PeriodController {

    /** Four quarters back (a year of closes), the current one and the next. */
    private static final int QUARTERS_BEFORE = 4;
    private static final int QUARTERS_AFTER = 1;

    private final CommandGateway commands;
    private final BusinessTimePolicy policy;
    private final ClosedPeriods closed;
    private final Clock clock;

    public PeriodController(CommandGateway commands, BusinessTimePolicy policy, ClosedPeriods closed, Clock clock) {
        this.commands = commands;
        this.policy = policy;
        this.closed = closed;
        this.clock = clock;
    }

    @GetMapping
    public List<PeriodStatus> around() {
        return policy.around(QUARTERS_BEFORE, QUARTERS_AFTER);
    }

    @GetMapping("/{period}")
    public PeriodStatus get(@PathVariable String period) {
        return policy.status(quarter(period));
    }

    @PostMapping("/{period}/close")
    public PeriodStatus close(@PathVariable String period, @Valid @RequestBody(required = false) PeriodRequest body,
                              PipelineUser user) {
        requireRevOpsOrAdmin(user);
        Period quarter = quarter(period);
        if (!policy.ended(quarter)) {
            throw new InvalidFieldException("period", quarter.id() + " has not ended (it ends " + quarter.end()
                    + "); only an ended quarter can be closed");
        }
        return decided(commands.sendAndWait(new ClosePeriod(FiscalPeriod.streamId(quarter.id()), quarter.id(),
                reason(body), clock.instant(), user.id())), quarter);
    }

    @PostMapping("/{period}/reopen")
    public PeriodStatus reopen(@PathVariable String period, @Valid @RequestBody(required = false) PeriodRequest body,
                               PipelineUser user) {
        requireRevOpsOrAdmin(user);
        Period quarter = quarter(period);
        return decided(commands.sendAndWait(new ReopenPeriod(FiscalPeriod.streamId(quarter.id()), quarter.id(),
                reason(body), clock.instant(), user.id())), quarter);
    }

    /** Known here at once, once stored; other services learn it from {@code pipeline.periods.v1}. */
    private PeriodStatus decided(PeriodDecision decision, Period quarter) {
        closed.record(decision);
        return policy.status(quarter);
    }

    private Period quarter(String text) {
        Period period = policy.calendar().parse("period", text);
        if (period.kind() != Period.Kind.QUARTER) {
            throw new InvalidFieldException("period", "'" + text + "' is a month; periods are closed by fiscal quarter"
                    + " (FY2026-Q3)");
        }
        return period;
    }

    private static String reason(PeriodRequest body) {
        return body == null ? null : body.reason();
    }

    private static void requireRevOpsOrAdmin(PipelineUser user) {
        if (!user.has(Role.REVOPS) && !user.isAdmin()) {
            throw new AccessDeniedException("Only RevOps and admins close and reopen fiscal quarters");
        }
    }
}
