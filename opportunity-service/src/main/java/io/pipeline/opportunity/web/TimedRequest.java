package io.pipeline.opportunity.web;

import java.time.Instant;

/** A request that may carry the business time it happened (imported history); now when it does not. */
interface TimedRequest {

    Instant occurredAt();
}
