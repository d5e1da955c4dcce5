package io.pipeline.forecast.index;

import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DealHistory;
import io.pipeline.forecast.figures.DealState;
import io.pipeline.forecast.figures.FigureContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every deal's history in memory, in compact columns, so a figure reads no database: loaded from the serving
 * read-model version at start-up and appended to by the consumer right after each batch commits. Safe to read
 * while it is appended to; a reader sees each deal as of some append, never half of one.
 */
public final class DealIndex {

    /** The timelines in the order their deals appeared, for a scan without hashing. */
    private record Registry(DealTimeline[] timelines, int size) {
    }

    private final ConcurrentHashMap<String, DealTimeline> byId = new ConcurrentHashMap<>();
    private final ValueDictionary dictionary = new ValueDictionary();
    private final LongAdder events = new LongAdder();
    private volatile Registry registry = new Registry(new DealTimeline[1024], 0);

    /** @return whether the event was new to the index (a re-delivered sequence changes nothing) */
    public boolean add(DealEvent event) {
        DealTimeline timeline = byId.get(event.opportunityId());
        if (timeline == null) {
            timeline = register(event.opportunityId());
        }
        TimelineColumns current = timeline.columns();
        DealState previous = current.size() == 0 ? null : current.states()[current.size() - 1];
        boolean added = timeline.add(event, dictionary.compact(event.after(), previous));
        if (added) {
            events.increment();
        }
        return added;
    }

    public void addAll(List<DealEvent> batch) {
        batch.forEach(this::add);
    }

    private synchronized DealTimeline register(String opportunityId) {
        DealTimeline existing = byId.get(opportunityId);
        if (existing != null) {
            return existing;
        }
        DealTimeline created = new DealTimeline(dictionary.string(opportunityId));
        Registry r = registry;
        DealTimeline[] timelines = r.size() < r.timelines().length ? r.timelines()
                : Arrays.copyOf(r.timelines(), r.size() + (r.size() >> 1));
        timelines[r.size()] = created;
        registry = new Registry(timelines, r.size() + 1);
        byId.put(opportunityId, created);
        return created;
    }

    /**
     * The histories that can matter to the asked period as of the asked instant: deals with an event in the
     * period or a close date ever inside it (every period figure but the weighted forecast looks at no other).
     */
    public List<DealHistory> concerning(FigureContext ctx) {
        long from = TimelineColumns.micros(ctx.periodStart());
        long to = TimelineColumns.micros(ctx.periodEnd());
        int fromDay = (int) ctx.period().start().toEpochDay();
        int toDay = (int) ctx.period().end().toEpochDay();
        long asOf = TimelineColumns.micros(ctx.asOf());
        return histories(c -> c.concerns(from, to, fromDay, toDay, asOf));
    }

    /** Every deal that existed at {@code asOf}. */
    public List<DealHistory> all(Instant asOf) {
        long micros = TimelineColumns.micros(asOf);
        return histories(c -> c.size() > 0 && c.firstMicros() <= micros);
    }

    private List<DealHistory> histories(java.util.function.Predicate<TimelineColumns> wanted) {
        Registry r = registry;
        List<DealHistory> histories = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            TimelineColumns columns = r.timelines()[i].columns();
            if (wanted.test(columns)) {
                histories.add(new DealHistory(columns.opportunityId(), columns.view()));
            }
        }
        return histories;
    }

    public boolean contains(String opportunityId, long sequence) {
        DealTimeline timeline = byId.get(opportunityId);
        if (timeline == null) {
            return false;
        }
        TimelineColumns c = timeline.columns();
        return Arrays.binarySearch(c.sequences(), 0, c.size(), sequence) >= 0;
    }

    public long eventCount() {
        return events.sum();
    }

    public int dealCount() {
        return registry.size();
    }
}
