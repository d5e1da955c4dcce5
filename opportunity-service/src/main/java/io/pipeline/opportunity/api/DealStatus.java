package io.pipeline.opportunity.api;

public enum DealStatus {
    OPEN, WON, LOST, DEFERRED
}
