package io.pipeline.opportunity.period;

import io.pipeline.platform.period.BusinessTimePolicy;
import io.pipeline.platform.period.ClosedPeriods;
import io.pipeline.platform.period.FiscalCalendar;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Learns, at start (before the web server takes requests), the decisions stored in the fiscal-period streams of
 * the last {@value #YEARS_BACK} fiscal years and the next one: a few dozen short streams, read once, so no command
 * ever waits for the event store to learn whether its quarter is closed. Older quarters are closed by their grace.
 */
@Component
class PeriodDecisionsLoader implements SmartInitializingSingleton {

    static final int YEARS_BACK = 10;

    private final EventStore events;
    private final BusinessTimePolicy policy;
    private final ClosedPeriods closed;

    PeriodDecisionsLoader(EventStore events, BusinessTimePolicy policy, ClosedPeriods closed) {
        this.events = events;
        this.policy = policy;
        this.closed = closed;
    }

    @Override
    public void afterSingletonsInstantiated() {
        FiscalCalendar calendar = policy.calendar();
        int thisYear = calendar.fiscalYearOf(LocalDate.now(ZoneOffset.UTC));
        for (int year = thisYear - YEARS_BACK; year <= thisYear + 1; year++) {
            for (int q = 1; q <= 4; q++) {
                DomainEventStream stream = events.readEvents(FiscalPeriod.streamId(calendar.quarter(year, q).id()));
                while (stream.hasNext()) {
                    DomainEventMessage<?> event = stream.next();
                    if (event.getPayload() instanceof PeriodClosed c) {
                        closed.record(c.decision());
                    } else if (event.getPayload() instanceof PeriodReopened r) {
                        closed.record(r.decision());
                    }
                }
            }
        }
    }
}
