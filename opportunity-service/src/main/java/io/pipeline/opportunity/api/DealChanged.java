package io.pipeline.opportunity.api;

/** An event after the opening: it carries the whole deal as it stands after the change. */
public sealed interface DealChanged extends DealEvent permits StageAdvanced, StageRegressed, CloseDateChanged,
        AmountChanged, OwnerReassigned, ForecastCategoryOverridden, DealClosedWon, DealClosedLost, DealDeferred,
        DealReopened {

    Deal deal();

    @Override
    default Deal dealAfter() {
        return deal();
    }
}
