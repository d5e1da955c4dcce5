package io.pipeline.eventsourcing.history;

import java.util.List;

/** One page of an aggregate's history, oldest first; {@code totalItems} is the number of events in its stream. */
public record HistoryPage(String id, int page, int size, long totalItems, List<HistoryItem> items) {

    public HistoryPage {
        items = List.copyOf(items);
    }
}
