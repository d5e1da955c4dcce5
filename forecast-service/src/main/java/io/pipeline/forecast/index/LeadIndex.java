package io.pipeline.forecast.index;

import static io.pipeline.forecast.index.ColumnArrays.grown;

import io.pipeline.forecast.figures.DealHistory;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.Hierarchy;
import io.pipeline.forecast.figures.LeadFunnel;
import io.pipeline.forecast.figures.LeadStep;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Every lead's history in memory, in compact columns, so that the lead funnel reads no database and holds no more
 * per query than the period's cohort: loaded with the deal index at start-up and appended after each committed
 * batch. A lead's owner, team, region and segment are kept as one shared placement (one instance per distinct
 * combination for the whole index), its states as shared strings. Safe to read while appended to: each lead
 * publishes an immutable snapshot through a volatile field, as a deal does ({@link DealTimeline}).
 */
public final class LeadIndex {

    /** Where a lead stood: one instance per distinct combination, shared by every event that has it. */
    record Placement(String ownerId, String teamId, String regionId, String segment) implements Hierarchy.Placed {
    }

    /**
     * One lead's events: the first {@code size} entries of arrays later appends write only beyond (or copy).
     *
     * @param opportunityIds null until the lead has an event naming its opportunity (a conversion)
     * @param firstMicros    the earliest business time of its events, {@code lastMicros} the latest
     */
    record LeadColumns(String leadId, long[] sequences, long[] occurredMicros, String[] states,
                       Placement[] placements, String[] opportunityIds, int size, long firstMicros, long lastMicros) {

        static LeadColumns empty(String leadId) {
            return new LeadColumns(leadId, new long[2], new long[2], new String[2], new Placement[2], null, 0,
                    Long.MAX_VALUE, Long.MIN_VALUE);
        }

        /** Whether the lead's first event as of t can fall in [from, to): some event in that range, one by t. */
        boolean canStartIn(long fromMicros, long toMicros, long asOfMicros) {
            return size > 0 && firstMicros <= asOfMicros && firstMicros < toMicros && lastMicros >= fromMicros;
        }

        /**
         * The cohort test of {@link LeadFunnel#reachedAt} read from the columns, so that the steps are built only
         * for the cohort: the lead's first event (by sequence) known at t is in [from, to), and the lead as it
         * stood after its last one is in the scope.
         */
        boolean inCohort(FigureContext ctx, long fromMicros, long toMicros, long asOfMicros) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < size; i++) {
                if (occurredMicros[i] <= asOfMicros) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            return first >= 0 && occurredMicros[first] >= fromMicros && occurredMicros[first] < toMicros
                    && ctx.inScope(placements[last]);
        }

        LeadStep step(int i) {
            Placement p = placements[i];
            return new LeadStep(leadId, sequences[i], TimelineColumns.instant(occurredMicros[i]), states[i],
                    p.ownerId(), p.teamId(), p.regionId(), p.segment(),
                    opportunityIds == null ? null : opportunityIds[i]);
        }

        /** The funnel's view of the lead: its steps in sequence order, built on access. */
        List<LeadStep> steps() {
            return new Steps(this);
        }
    }

    private static final class Steps extends AbstractList<LeadStep> implements RandomAccess {

        private final LeadColumns columns;

        Steps(LeadColumns columns) {
            this.columns = columns;
        }

        @Override
        public LeadStep get(int index) {
            if (index < 0 || index >= columns.size()) {
                throw new IndexOutOfBoundsException(index);
            }
            return columns.step(index);
        }

        @Override
        public int size() {
            return columns.size();
        }
    }

    private static final class LeadTimeline {

        private final Bucket bucket;
        private volatile LeadColumns columns;

        LeadTimeline(String leadId, Bucket bucket) {
            this.bucket = bucket;
            columns = LeadColumns.empty(leadId);
        }

        /** @return false when the lead already has an event of that sequence (a re-delivery: the first one stays) */
        synchronized boolean add(LeadStep step, String state, Placement placement, String opportunityId) {
            LeadColumns c = columns;
            int at = Arrays.binarySearch(c.sequences(), 0, c.size(), step.sequence());
            if (at >= 0) {
                return false;
            }
            int insertAt = -at - 1;
            boolean inPlace = insertAt == c.size() && c.size() < c.sequences().length;
            long[] sequences = inPlace ? c.sequences() : grown(c.sequences(), c.size(), insertAt);
            long[] micros = inPlace ? c.occurredMicros() : grown(c.occurredMicros(), c.size(), insertAt);
            String[] states = inPlace ? c.states() : grown(c.states(), c.size(), insertAt);
            Placement[] placements = inPlace ? c.placements() : grown(c.placements(), c.size(), insertAt);
            String[] opportunityIds = c.opportunityIds() == null
                    ? (opportunityId == null ? null : new String[sequences.length])
                    : inPlace ? c.opportunityIds() : grown(c.opportunityIds(), c.size(), insertAt);
            long eventMicros = TimelineColumns.micros(step.occurredAt());
            sequences[insertAt] = step.sequence();
            micros[insertAt] = eventMicros;
            states[insertAt] = state;
            placements[insertAt] = placement;
            if (opportunityIds != null) {
                opportunityIds[insertAt] = opportunityId;
            }
            columns = new LeadColumns(c.leadId(), sequences, micros, states, placements, opportunityIds,
                    c.size() + 1, Math.min(c.firstMicros(), eventMicros), Math.max(c.lastMicros(), eventMicros));
            return true;
        }
    }

    /**
     * The leads whose first arrived event falls in one stretch of business time, with the range of all their
     * events' times (widened after each append): a query skips a bucket none of whose leads can start in its
     * period, so that it visits the leads around the period, not every lead of the history.
     */
    private static final class Bucket {

        /** The leads in the order they appeared, for a scan without hashing. */
        private record Registry(LeadTimeline[] timelines, int size) {
        }

        private final LongAccumulator firstMicros = new LongAccumulator(Math::min, Long.MAX_VALUE);
        private final LongAccumulator lastMicros = new LongAccumulator(Math::max, Long.MIN_VALUE);
        private volatile Registry registry = new Registry(new LeadTimeline[16], 0);

        /** Called under the index's lock. */
        void register(LeadTimeline timeline) {
            Registry r = registry;
            LeadTimeline[] timelines = r.size() < r.timelines().length ? r.timelines()
                    : Arrays.copyOf(r.timelines(), r.size() + (r.size() >> 1));
            timelines[r.size()] = timeline;
            registry = new Registry(timelines, r.size() + 1);
        }

        void widen(long micros) {
            firstMicros.accumulate(micros);
            lastMicros.accumulate(micros);
        }

        boolean canHoldStartIn(long fromMicros, long toMicros, long asOfMicros) {
            long first = firstMicros.get();
            return first <= asOfMicros && first < toMicros && lastMicros.get() >= fromMicros;
        }
    }

    /** A bucket covers 30 days of business time (by the lead's first arrived event). */
    private static final long BUCKET_MICROS = 30L * 24 * 3600 * 1_000_000;

    private final ConcurrentHashMap<String, LeadTimeline> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Placement, Placement> placements = new ConcurrentHashMap<>();
    private final ValueDictionary dictionary = new ValueDictionary();
    private final LongAdder events = new LongAdder();

    /** @return whether the event was new to the index (a re-delivered sequence changes nothing) */
    public boolean add(LeadStep step) {
        LeadTimeline timeline = byId.get(step.leadId());
        if (timeline == null) {
            timeline = register(step.leadId(), TimelineColumns.micros(step.occurredAt()));
        }
        Placement placement = placements.computeIfAbsent(new Placement(dictionary.string(step.ownerId()),
                dictionary.string(step.teamId()), dictionary.string(step.regionId()),
                dictionary.string(step.segment())), p -> p);
        boolean added = timeline.add(step, dictionary.string(step.state()), placement, step.opportunityId());
        if (added) {
            // after the lead's new snapshot: a query that read the narrower range sees the lead before this append
            timeline.bucket.widen(TimelineColumns.micros(step.occurredAt()));
            events.increment();
        }
        return added;
    }

    public void addAll(List<LeadStep> batch) {
        batch.forEach(this::add);
    }

    /**
     * The lead funnel (figure 15) of the asked period, scope and instant: the same {@link LeadFunnel#reachedAt}
     * per lead as the pure figure, over the leads whose first event can fall in the period only, each read from
     * its snapshot; nothing is held but the cohort's counts and times.
     *
     * @param deals a deal's history by opportunity id (null when unknown), for the Won stage
     */
    public LeadFunnel funnel(FigureContext ctx, Function<String, DealHistory> deals) {
        long from = TimelineColumns.micros(ctx.periodStart());
        long to = TimelineColumns.micros(ctx.periodEnd());
        long asOf = TimelineColumns.micros(ctx.asOf());
        LeadFunnel.Accumulator funnel = new LeadFunnel.Accumulator();
        for (Bucket bucket : buckets.values()) {
            if (!bucket.canHoldStartIn(from, to, asOf)) {
                continue;
            }
            Bucket.Registry r = bucket.registry;
            for (int i = 0; i < r.size(); i++) {
                LeadColumns columns = r.timelines()[i].columns;
                if (columns.canStartIn(from, to, asOf) && columns.inCohort(ctx, from, to, asOf)) {
                    funnel.add(LeadFunnel.reachedAt(columns.steps(), deals, ctx));
                }
            }
        }
        return funnel.result(ctx);
    }

    private synchronized LeadTimeline register(String leadId, long firstArrivedMicros) {
        LeadTimeline existing = byId.get(leadId);
        if (existing != null) {
            return existing;
        }
        Bucket bucket = buckets.computeIfAbsent(Math.floorDiv(firstArrivedMicros, BUCKET_MICROS), b -> new Bucket());
        LeadTimeline created = new LeadTimeline(leadId, bucket);
        bucket.register(created);
        byId.put(leadId, created);
        return created;
    }

    public long eventCount() {
        return events.sum();
    }

    public int leadCount() {
        return byId.size();
    }
}
