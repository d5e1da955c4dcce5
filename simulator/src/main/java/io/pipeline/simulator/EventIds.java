package io.pipeline.simulator;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from the seed, the aggregate and the sequence: writing the same run twice gives the same ids,
 * so consumers that deduplicate on {@code ce_id} see a repeated run as repeats, not as new events.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String of(long seed, String aggregateId, long sequence) {
        return UUID.nameUUIDFromBytes(("simulator:" + seed + ":" + aggregateId + ":" + sequence)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
