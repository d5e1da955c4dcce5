package io.pipeline.opportunity.api;

/** Why a deal was lost. UNKNOWN is for imported history that says only "lost": it counts in close rates, not win rates. */
public enum LossReason {
    COMPETITION, NO_DECISION, UNKNOWN
}
