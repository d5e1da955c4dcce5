package io.pipeline.eventsourcing.history;

import io.pipeline.platform.security.Ownership;
import java.time.Instant;
import java.util.List;

/**
 * How the stored events of one kind of aggregate read as history.
 *
 * @param <E> the type every stored event of the aggregate has
 * @param <S> what the history compares before and after each event: the item as it stands
 */
public interface HistoryReading<E, S> {

    /** The kind of item, as the 404 names it ({@code opportunity}, {@code lead}). */
    String kind();

    Class<E> eventType();

    /** Who owns the item after {@code event}: the newest event decides who may read the history. */
    Ownership ownership(E event);

    Instant occurredAt(E event);

    String actor(E event);

    /** The item after {@code event}, given the item before it ({@code null} before the first event). */
    S after(S before, E event);

    /** What {@code event} changed: the fields that differ from {@code before} to {@code after}, and its facts. */
    List<FieldChange> changes(S before, S after, E event);

    /**
     * Where reading starts for a page whose first event is {@code first}: by default the event before it, for items
     * whose every event carries them whole; from the start of the stream when {@link #after} needs the whole fold.
     */
    default long readFrom(long first) {
        return Math.max(0, first - 1);
    }
}
