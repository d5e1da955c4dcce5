package io.pipeline.opportunity.api;

import java.time.Instant;

/**
 * A stored event of a deal: its opening or a change after it. Sealed, and visited: Java 17 has no pattern switch,
 * so {@link Visitor} is the exhaustive switch over the events. A new event must implement {@link #accept}, which
 * compiles only once {@link Visitor} has a method for it, and then every visitor (the relay's public mapping above
 * all) fails to compile until it handles the new event.
 */
public sealed interface DealEvent permits OpportunityOpened, DealChanged {

    Instant occurredAt();

    String actor();

    /** The deal as it stands after this event. */
    Deal dealAfter();

    <R> R accept(Visitor<R> visitor);

    /** One method per deal event. */
    interface Visitor<R> {

        R visit(OpportunityOpened event);

        R visit(StageAdvanced event);

        R visit(StageRegressed event);

        R visit(CloseDateChanged event);

        R visit(AmountChanged event);

        R visit(OwnerReassigned event);

        R visit(ForecastCategoryOverridden event);

        R visit(DealClosedWon event);

        R visit(DealClosedLost event);

        R visit(DealDeferred event);

        R visit(DealReopened event);
    }
}
