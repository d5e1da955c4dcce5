package io.pipeline.opportunity.period;

/**
 * A stored event of a fiscal quarter: closed or reopened. Sealed and visited like the deal events
 * ({@code DealEvent}): a new one fails to compile until every {@link Visitor}, the relay's above all, handles it.
 */
public sealed interface FiscalPeriodEvent permits PeriodClosed, PeriodReopened {

    <R> R accept(Visitor<R> visitor);

    /** One method per fiscal quarter event. */
    interface Visitor<R> {

        R visit(PeriodClosed event);

        R visit(PeriodReopened event);
    }
}
