package io.pipeline.eventsourcing.history;

import java.time.Instant;
import java.util.List;

/**
 * One stored event of an aggregate, as a person reads it.
 *
 * @param sequence   the event's sequence number in the aggregate's stream (0 for the first)
 * @param type       the event's type, e.g. {@code StageAdvanced}
 * @param occurredAt business time: when it happened (original dates for imported history)
 * @param recordedAt when it was stored here
 * @param actor      who did it (the token's subject, or the admin who ran the import)
 * @param imported   whether it came from a CRM import rather than a live command
 * @param changes    the fields it changed, and the facts it recorded (a reason, a competitor) as from null
 */
public record HistoryItem(long sequence, String type, Instant occurredAt, Instant recordedAt, String actor,
                          boolean imported, List<FieldChange> changes) {

    public HistoryItem {
        changes = List.copyOf(changes);
    }
}
