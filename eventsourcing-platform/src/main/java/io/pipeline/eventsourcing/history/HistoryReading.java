package io.pipeline.eventsourcing.history;

import io.pipeline.platform.security.Ownership;
import java.time.Instant;
import java.util.List;

/** How the stored events of one kind of aggregate read as history. */
public interface HistoryReading<E> {

    /** The kind of item, as the 404 names it ({@code opportunity}, {@code lead}). */
    String kind();

    /** The type every stored event of the aggregate has. */
    Class<E> eventType();

    /** Who owns the item after {@code event}: the newest event decides who may read the history. */
    Ownership ownership(E event);

    Instant occurredAt(E event);

    String actor(E event);

    /** What {@code event} changed, given the event before it in the stream ({@code null} for the first). */
    List<FieldChange> changes(E previous, E event);
}
