package io.pipeline.opportunity.api;

public enum OpportunityType {
    NEW_BUSINESS, EXPANSION, RENEWAL
}
