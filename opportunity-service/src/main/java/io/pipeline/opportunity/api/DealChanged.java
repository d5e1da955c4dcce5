package io.pipeline.opportunity.api;

import java.time.Instant;

/** An event after the opening: it carries the whole deal as it stands after the change. */
public interface DealChanged {

    Deal deal();

    Instant occurredAt();

    String actor();
}
