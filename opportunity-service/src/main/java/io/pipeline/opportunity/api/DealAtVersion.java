package io.pipeline.opportunity.api;

/** What a command answers: the deal after it and the version to send back in {@code If-Match}. */
public record DealAtVersion(Deal deal, long version) {
}
