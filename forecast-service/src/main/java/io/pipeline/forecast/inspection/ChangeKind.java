package io.pipeline.forecast.inspection;

/**
 * What can have changed about a deal of the period between {@code changedSince} (t0) and {@code asOf} (t1), each
 * read from the deal as it stood at the two instants (its state after its newest event at or before each), never
 * from the events between them: a deal pushed out and pulled back in to the same date has not moved. A deal may
 * show several kinds at once. From/to values are the deal's at t0 and at t1; amounts in the reporting currency at
 * the rates of the as-of date, so a rate change alone moves no amount. forecast-service/README.md, "Pipeline
 * inspection", defines each in full.
 */
public enum ChangeKind {
    /** The deal did not exist at t0 (its opening happened after t0, at or before t1). From null to its opening date. */
    CREATED,
    /** Won at t1, not won at t0 (or created since). From the stage at t0 to the closing stage. */
    CLOSED_WON,
    /** Lost at t1, not lost at t0 (or created since). */
    CLOSED_LOST,
    /** Deferred at t1, not deferred at t0 (or created since). */
    CLOSED_DEFERRED,
    /** Closed (lost or deferred) at t0 and open at t1. From the closing stage to the stage it reopened at. */
    REOPENED,
    /** Existed at t0 with an earlier close date than at t1. */
    PUSHED_OUT,
    /** Existed at t0 with a later close date than at t1. */
    PULLED_IN,
    /** Existed at t0 with a smaller amount than at t1. */
    AMOUNT_UP,
    /** Existed at t0 with a larger amount than at t1. */
    AMOUNT_DOWN,
    /** Open at both instants, at a later stage at t1 than at t0. */
    STAGE_FORWARD,
    /** Open at both instants, at an earlier stage at t1 than at t0. */
    STAGE_BACK,
    /** Open at both instants, in another forecast category at t1 than at t0 (a stage move or an override). */
    CATEGORY_CHANGED,
    /** In the scope at t0 and not at t1 (reassigned to an owner outside it). From the owner at t0 to the one at t1. */
    TRANSFERRED_OUT,
    /** Existed out of the scope at t0 and is in it at t1. */
    TRANSFERRED_IN
}
