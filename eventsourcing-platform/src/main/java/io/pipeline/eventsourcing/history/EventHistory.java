package io.pipeline.eventsourcing.history;

import io.pipeline.platform.problem.NotFoundException;
import io.pipeline.platform.security.PipelineUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

/**
 * An aggregate's history, read from its own stream in the event store by sequence number: a page costs the
 * aggregate's last sequence number, its newest event (who may see it) and the page's events plus the one before
 * (what the first of them changed), whatever the length of the stream, for items whose every event carries them whole.
 */
public class EventHistory {

    /**
     * Metadata key of commands (and so of the events they record) sent by a CRM import; the value is the import's
     * id. Events recorded before the key existed carry nothing and read as not imported.
     */
    public static final String IMPORT_METADATA_KEY = "pipelineImport";

    private final EventStore events;

    public EventHistory(EventStore events) {
        this.events = events;
    }

    /** Copies the import mark from a command into the metadata of every event it records. */
    public static CorrelationDataProvider importMarkProvider() {
        return new SimpleCorrelationDataProvider(IMPORT_METADATA_KEY);
    }

    /** {@code command} marked as sent by import {@code importId}. */
    public static CommandMessage<?> imported(Object command, String importId) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(IMPORT_METADATA_KEY, importId));
    }

    /**
     * The page of {@code id}'s history; a missing id, or an item the caller may not see, is answered the same way
     * (404), so history cannot probe which ids exist.
     */
    public <E, S> HistoryPage page(String id, int page, int size, PipelineUser caller, HistoryReading<E, S> reading) {
        long last = events.lastSequenceNumberFor(id).orElseThrow(() -> new NotFoundException(reading.kind(), id));
        DomainEventStream newest = events.readEvents(id, last);
        if (!newest.hasNext()) {
            throw new NotFoundException(reading.kind(), id);
        }
        Object newestPayload = newest.next().getPayload();
        if (!reading.eventType().isInstance(newestPayload)) {
            // another kind of aggregate's stream (a fiscal period's, a lead's under the deal path): not this kind's id
            throw new NotFoundException(reading.kind(), id);
        }
        caller.requireVisible(reading.ownership(reading.eventType().cast(newestPayload)), reading.kind(), id);
        long total = last + 1;
        long first = (long) page * size;
        List<HistoryItem> items = new ArrayList<>();
        if (first < total) {
            DomainEventStream stream = events.readEvents(id, reading.readFrom(first));
            S before = null;
            while (stream.hasNext() && items.size() < size) {
                DomainEventMessage<?> message = stream.next();
                if (message.getSequenceNumber() >= total) {
                    break;
                }
                E event = reading.eventType().cast(message.getPayload());
                S after = reading.after(before, event);
                if (message.getSequenceNumber() >= first) {
                    items.add(new HistoryItem(message.getSequenceNumber(), message.getPayloadType().getSimpleName(),
                            reading.occurredAt(event), message.getTimestamp(), reading.actor(event),
                            message.getMetaData().containsKey(IMPORT_METADATA_KEY),
                            reading.changes(before, after, event)));
                }
                before = after;
            }
        }
        return new HistoryPage(id, page, size, total, items);
    }
}
