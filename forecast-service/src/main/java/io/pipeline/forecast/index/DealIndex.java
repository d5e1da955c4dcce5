package io.pipeline.forecast.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DealHistory;
import io.pipeline.forecast.figures.DealState;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.platform.period.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Every deal's history in memory, in compact columns, so a figure reads no database: loaded from the serving
 * read-model version at start-up and appended to by the consumer right after each batch commits. Safe to read
 * while it is appended to; a reader sees each deal as of some append, never half of one. It also keeps the org
 * figures of the few periods asked for "now" running ({@link SettledPeriod}), updated by every append.
 *
 * <p>The leads of the same read-model version ride along ({@link #leads()}): they are loaded, appended and handed
 * over to a rebuilt version together with the deals, and the lead funnel reads both.
 */
public final class DealIndex {

    /**
     * The timelines in the order their deals appeared, for a scan without hashing, with each deal's time and
     * close-date bounds side by side in primitive arrays: a query of a period tests these (a few MB read in order)
     * and reads the columns of its candidates only, not two dependent objects of every deal (at 1M deals that
     * test was most of a period query's time). The bounds are written under the index's lock after the deal's
     * columns, and copied under it when the arrays grow, so no write is lost; a reader may see a deal's bounds of
     * one append beside its columns of the next.
     */
    private record Registry(DealTimeline[] timelines, long[] firstMicros, long[] lastMicros, int[] minCloseDay,
                            int[] maxCloseDay, int size) {

        static Registry empty(int capacity) {
            long[] first = new long[capacity];
            long[] last = new long[capacity];
            int[] minClose = new int[capacity];
            int[] maxClose = new int[capacity];
            Arrays.fill(first, Long.MAX_VALUE);
            Arrays.fill(last, Long.MIN_VALUE);
            Arrays.fill(minClose, Integer.MAX_VALUE);
            Arrays.fill(maxClose, Integer.MIN_VALUE);
            return new Registry(new DealTimeline[capacity], first, last, minClose, maxClose, 0);
        }

        Registry with(DealTimeline timeline) {
            Registry r = size < timelines.length ? this : grown(size + (size >> 1));
            r.timelines[size] = timeline;
            return new Registry(r.timelines, r.firstMicros, r.lastMicros, r.minCloseDay, r.maxCloseDay, size + 1);
        }

        private Registry grown(int capacity) {
            Registry r = empty(capacity);
            System.arraycopy(timelines, 0, r.timelines, 0, size);
            System.arraycopy(firstMicros, 0, r.firstMicros, 0, size);
            System.arraycopy(lastMicros, 0, r.lastMicros, 0, size);
            System.arraycopy(minCloseDay, 0, r.minCloseDay, 0, size);
            System.arraycopy(maxCloseDay, 0, r.maxCloseDay, 0, size);
            return r;
        }

        void bound(int slot, TimelineColumns c) {
            firstMicros[slot] = c.firstMicros();
            lastMicros[slot] = c.lastMicros();
            minCloseDay[slot] = c.minCloseDay();
            maxCloseDay[slot] = c.maxCloseDay();
        }

        /** {@link TimelineColumns#concerns} on the bounds: whether the deal at {@code slot} can matter. */
        boolean concerns(int slot, long fromMicros, long toMicros, int fromDay, int toDay, long asOfMicros) {
            return TimelineColumns.concerns(firstMicros[slot], lastMicros[slot], minCloseDay[slot], maxCloseDay[slot],
                    fromMicros, toMicros, fromDay, toDay, asOfMicros);
        }
    }

    private final ConcurrentHashMap<String, DealTimeline> byId = new ConcurrentHashMap<>();
    private final ValueDictionary dictionary = new ValueDictionary();
    private final LongAdder events = new LongAdder();
    private final LongAccumulator newestMicros = new LongAccumulator(Math::max, Long.MIN_VALUE);
    /** Events appended per stretch of 2^21 s (24 days) of business time: what a value kept before an instant reads. */
    private final ConcurrentHashMap<Long, LongAdder> appendsByStretch = new ConcurrentHashMap<>();
    private final Cache<Object, KeptBefore> keptBefore = Caffeine.newBuilder().maximumSize(1_000).build();
    private volatile Registry registry = Registry.empty(1024);
    private final LeadIndex leads = new LeadIndex();
    /** The periods whose org figures are kept running (see {@link SettledPeriod}), updated on every append. */
    private volatile SettledPeriod[] settled = new SettledPeriod[0];

    /** Below this many deals a scan is not split (its time is a few milliseconds). */
    static final int DEALS_PER_SLICE = 100_000;

    /** The fewest deals a slice of a split scan holds ({@link #forEachAtTwoInstantsInSlices}). */
    private final int dealsPerSlice;

    public DealIndex() {
        this(DEALS_PER_SLICE);
    }

    /** @param dealsPerSlice the fewest deals a slice of a split scan holds: a test splits small indexes */
    public DealIndex(int dealsPerSlice) {
        this.dealsPerSlice = dealsPerSlice;
    }

    /** How many periods' running figures were started (guarded by this). */
    private int periodsStarted;

    /**
     * Each kept period costs every append a contribution and holds its deals' contributions: at most this many
     * (the dashboard's trends ask eight quarters, the board the current month and quarter besides), fewer when
     * the heap holds fewer ({@link #limitKeptPeriods}).
     */
    public static final int MAX_SETTLED_PERIODS = 12;

    /** The fewest periods kept whatever the heap says: the current quarter and month. */
    static final int MIN_SETTLED_PERIODS = 2;

    /** How many periods the heap holds now (set by whoever sizes the index against the heap). */
    private volatile IntSupplier keptPeriodLimit = () -> MAX_SETTLED_PERIODS;

    /** Keeps at most as many periods as {@code limit} says at each start (at least 2, at most {@value #MAX_SETTLED_PERIODS}). */
    public void limitKeptPeriods(IntSupplier limit) {
        this.keptPeriodLimit = limit;
    }

    /** How many periods may be kept now. */
    public int keptPeriodLimit() {
        return Math.max(MIN_SETTLED_PERIODS, Math.min(MAX_SETTLED_PERIODS, keptPeriodLimit.getAsInt()));
    }

    /** @return whether the event was new to the index (a re-delivered sequence changes nothing) */
    public boolean add(DealEvent event) {
        DealTimeline timeline = byId.get(event.opportunityId());
        if (timeline == null) {
            timeline = register(event.opportunityId());
        }
        // under the deal's lock, so that the kept periods see the deal's snapshots in the order they were made
        synchronized (timeline) {
            TimelineColumns current = timeline.columns();
            DealState previous = current.size() == 0 ? null : current.states()[current.size() - 1];
            boolean added = timeline.add(event, dictionary.compact(event.after(), previous));
            if (added) {
                synchronized (this) {
                    registry.bound(timeline.slot(), timeline.columns());
                }
                events.increment();
                newestMicros.accumulate(TimelineColumns.micros(event.occurredAt()));
                appendsByStretch.computeIfAbsent(stretchOf(event.occurredAt()), stretch -> new LongAdder()).increment();
                for (SettledPeriod period : settled) {
                    period.update(timeline.columns());
                }
            }
            return added;
        }
    }

    /**
     * The running figures of the asked period, which answer every scope: started (from every deal, in the calling
     * thread) the first time the period is asked for at or after the newest event; empty while another thread
     * starts them. Whether they answer the asked instant is theirs to say.
     */
    public Optional<SettledPeriod> settled(FigureContext ctx) {
        Optional<SettledPeriod> kept = kept(ctx.period());
        if (kept.isPresent()) {
            return kept;
        }
        if (TimelineColumns.micros(ctx.asOf()) < newestMicros.get()) {
            // an as-of in the past would not be answered by them: not a reason to start keeping the period
            return Optional.empty();
        }
        return Optional.ofNullable(keep(ctx));
    }

    /** The period's running figures if they are kept already (without starting them, unlike {@link #settled}). */
    public Optional<SettledPeriod> kept(Period period) {
        for (SettledPeriod kept : settled) {
            if (kept.period().equals(period)) {
                return Optional.of(kept);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts the running figures of the asked period without a query being asked (the warm-up of the current
     * periods), from every deal, in the calling thread: nothing when they are kept already or being started by
     * another thread. Unlike {@link #settled}, the asked instant does not matter: a history with events after it
     * is still worth keeping, the figures answer each query as of what they hold. While they are being started, a
     * query of the period finds them in the list, not ready, and is computed from the histories (it does not start
     * them a second time).
     *
     * @return the started figures (ready), or empty when there was nothing to start
     */
    public Optional<SettledPeriod> warm(FigureContext ctx) {
        return Optional.ofNullable(keep(ctx));
    }

    /** Whether the period's running org figures are kept and ready, without starting them (unlike {@link #settled}). */
    public boolean keeps(Period period) {
        return kept(period).map(SettledPeriod::ready).orElse(false);
    }

    /** How many periods' running figures are kept now (each costs heap per deal event). */
    public int keptPeriods() {
        return settled.length;
    }

    /** How many periods' running figures were started in this index (by a query or a warm-up), dropped ones too. */
    public synchronized int periodsStarted() {
        return periodsStarted;
    }

    /** The period added to the kept ones and built from every deal; null when it is kept or being started. */
    private SettledPeriod keep(FigureContext ctx) {
        SettledPeriod started = startKeeping(ctx);
        if (started == null) {
            return null;
        }
        Registry r = registry;
        for (int i = 0; i < r.size(); i++) {
            DealTimeline timeline = r.timelines()[i];
            synchronized (timeline) {
                started.update(timeline.columns());
            }
        }
        // a deal registered after the snapshot above was appended to with this period already in the list
        started.markReady();
        return started;
    }

    /**
     * Adds the period to those every append updates (dropping the longest unasked one beyond the limit); null when
     * it is there already.
     */
    private synchronized SettledPeriod startKeeping(FigureContext ctx) {
        for (SettledPeriod p : settled) {
            if (p.period().equals(ctx.period())) {
                return null;
            }
        }
        List<SettledPeriod> kept = new ArrayList<>(Arrays.asList(settled));
        SettledPeriod started = new SettledPeriod(ctx, this);
        periodsStarted++;
        kept.add(started);
        SettledPeriod dropped = null;
        if (kept.size() > keptPeriodLimit()) {
            dropped = kept.stream().filter(p -> p != started).min(Comparator.comparingLong(SettledPeriod::lastAsked))
                    .orElseThrow();
            kept.remove(dropped);
        }
        settled = kept.toArray(SettledPeriod[]::new);
        if (dropped != null) {
            dropped.retire();
        }
        return started;
    }

    /**
     * A value worked out from the deals' states before {@code before} (what a figure learns from the periods before
     * the asked one), kept for the same {@code question} until an event whose business time is before then arrives
     * (a back-dated change, an import): counted per stretch of business time, so an event in {@code before}'s own
     * stretch drops it too. At most 1,000 questions are kept, the least recently asked dropped first.
     */
    @SuppressWarnings("unchecked")
    public <T> T keptBefore(Instant before, Object question, Supplier<T> compute) {
        // read before computing: an event appended meanwhile makes the next question compute again
        long appends = appendsUpTo(before);
        KeptBefore kept = keptBefore.getIfPresent(question);
        if (kept != null && kept.appendsBefore() == appends) {
            return (T) kept.value();
        }
        T value = compute.get();
        keptBefore.put(question, new KeptBefore(value, appends));
        return value;
    }

    private long appendsUpTo(Instant instant) {
        long last = stretchOf(instant);
        long appends = 0;
        for (Map.Entry<Long, LongAdder> stretch : appendsByStretch.entrySet()) {
            if (stretch.getKey() <= last) {
                appends += stretch.getValue().sum();
            }
        }
        return appends;
    }

    private static long stretchOf(Instant instant) {
        return instant.getEpochSecond() >> 21;
    }

    private record KeptBefore(Object value, long appendsBefore) {
    }

    public void addAll(List<DealEvent> batch) {
        batch.forEach(this::add);
    }

    private synchronized DealTimeline register(String opportunityId) {
        DealTimeline existing = byId.get(opportunityId);
        if (existing != null) {
            return existing;
        }
        DealTimeline created = new DealTimeline(dictionary.string(opportunityId), registry.size());
        registry = registry.with(created);
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
        return histories((r, i) -> r.concerns(i, from, to, fromDay, toDay, asOf), c -> true);
    }

    /**
     * The histories that can matter to any period from {@code from} to the end of the asked period as of the asked
     * instant (a figure looking back at earlier periods, like the weighted forecast): deals with an event in that
     * stretch or a close date ever inside it.
     */
    public List<DealHistory> concerningSince(LocalDate from, FigureContext ctx) {
        long fromMicros = TimelineColumns.micros(ctx.startOf(from));
        long to = TimelineColumns.micros(ctx.periodEnd());
        int fromDay = (int) from.toEpochDay();
        int toDay = (int) ctx.period().end().toEpochDay();
        long asOf = TimelineColumns.micros(ctx.asOf());
        return histories((r, i) -> r.concerns(i, fromMicros, to, fromDay, toDay, asOf), c -> true);
    }

    /**
     * {@link #concerning} narrowed to the deals with a state in the asked scope at or before the asked instant:
     * the deals every figure but the calls' named deals and the inspection can count (those read
     * {@link #concerning}). At org scope the same list.
     */
    public List<DealHistory> concerningInScope(FigureContext ctx) {
        long from = TimelineColumns.micros(ctx.periodStart());
        long to = TimelineColumns.micros(ctx.periodEnd());
        int fromDay = (int) ctx.period().start().toEpochDay();
        int toDay = (int) ctx.period().end().toEpochDay();
        long asOf = TimelineColumns.micros(ctx.asOf());
        return histories((r, i) -> r.concerns(i, from, to, fromDay, toDay, asOf), c -> c.everInScope(ctx, asOf));
    }

    /** {@link #concerningSince} narrowed to the deals with a state in the asked scope at or before the instant. */
    public List<DealHistory> concerningSinceInScope(LocalDate from, FigureContext ctx) {
        long fromMicros = TimelineColumns.micros(ctx.startOf(from));
        long to = TimelineColumns.micros(ctx.periodEnd());
        int fromDay = (int) from.toEpochDay();
        int toDay = (int) ctx.period().end().toEpochDay();
        long asOf = TimelineColumns.micros(ctx.asOf());
        return histories((r, i) -> r.concerns(i, fromMicros, to, fromDay, toDay, asOf),
                c -> c.everInScope(ctx, asOf));
    }

    /**
     * Each deal that existed at {@code t1} and whose close date was ever in the period, as it stood at {@code t0}
     * and at {@code t1} (t0 <= t1): the only deals that can have had their close date in the period at either
     * instant. Read from the columns; the deal handed to the sink is valid during the call only.
     */
    public void forEachAtTwoInstants(Period period, Instant t0, Instant t1, Consumer<DealAtTwoInstants> sink) {
        Registry r = registry;
        forEachAtTwoInstants(r, 0, r.size(), period, t0, t1, sink);
    }

    /**
     * {@link #forEachAtTwoInstants} in slices of the deals scanned at once, one sink per slice (a sink is used by one
     * thread only), answered in slice order: the scan waits on memory (each candidate's columns are a read from
     * anywhere in the heap), so on a large org two cores halve its time. One slice below
     * {@value #DEALS_PER_SLICE} deals (by default); the calling thread scans the first slice, the common pool the others.
     */
    public <S extends Consumer<DealAtTwoInstants>> List<S> forEachAtTwoInstantsInSlices(
            Period period, Instant t0, Instant t1, Supplier<S> sinks) {
        return inSlices(sinks, (r, from, to, sink) -> forEachAtTwoInstants(r, from, to, period, t0, t1, sink));
    }

    /**
     * Each deal whose bounds say it can concern the period as of t ({@link TimelineColumns#concerns}, read from the
     * registry's arrays before any deal's columns), its current snapshot handed to its slice's sink, the slices
     * scanned at once as in {@link #forEachAtTwoInstantsInSlices}.
     */
    <S> List<S> forEachConcerningInSlices(long fromMicros, long toMicros, int fromDay, int toDay, long asOfMicros,
                                          Supplier<S> sinks, BiConsumer<S, TimelineColumns> each) {
        return inSlices(sinks, (r, from, to, sink) -> {
            for (int i = from; i < to; i++) {
                if (r.concerns(i, fromMicros, toMicros, fromDay, toDay, asOfMicros)) {
                    TimelineColumns columns = r.timelines()[i].columns();
                    if (columns.size() > 0) {
                        each.accept(sink, columns);
                    }
                }
            }
        });
    }

    /** One slice's scan of the registry's slots {@code [fromSlot, toSlot)} into its own sink. */
    private interface SliceScan<S> {
        void scan(Registry registry, int fromSlot, int toSlot, S sink);
    }

    private <S> List<S> inSlices(Supplier<S> sinks, SliceScan<S> scan) {
        Registry r = registry;
        // at least two where the index is large enough, so that one core does not leave the split untried
        int slices = Math.max(1, Math.min(Math.max(2, Runtime.getRuntime().availableProcessors()),
                r.size() / dealsPerSlice));
        List<S> parts = new ArrayList<>(slices);
        List<Runnable> scans = new ArrayList<>(slices);
        for (int slice = 0; slice < slices; slice++) {
            S sink = sinks.get();
            parts.add(sink);
            int from = (int) ((long) r.size() * slice / slices);
            int to = (int) ((long) r.size() * (slice + 1) / slices);
            scans.add(() -> scan.scan(r, from, to, sink));
        }
        List<CompletableFuture<Void>> others = scans.subList(1, slices).stream().map(CompletableFuture::runAsync)
                .toList();
        scans.get(0).run();
        others.forEach(CompletableFuture::join);
        return parts;
    }

    private static void forEachAtTwoInstants(Registry r, int fromSlot, int toSlot, Period period, Instant t0,
                                             Instant t1, Consumer<DealAtTwoInstants> sink) {
        int fromDay = (int) period.start().toEpochDay();
        int toDay = (int) period.end().toEpochDay();
        IndexedDealAtTwoInstants cursor = new IndexedDealAtTwoInstants(t0, t1);
        long micros1 = TimelineColumns.micros(t1);
        long[] firstMicros = r.firstMicros();
        int[] minCloseDay = r.minCloseDay();
        int[] maxCloseDay = r.maxCloseDay();
        for (int i = fromSlot; i < toSlot; i++) {
            if (firstMicros[i] > micros1 || minCloseDay[i] >= toDay || maxCloseDay[i] < fromDay) {
                continue;
            }
            TimelineColumns c = r.timelines()[i].columns();
            // bounds only widen, so the columns (as new as the bounds or newer) pass the same test
            if (c.size() > 0) {
                cursor.moveTo(c);
                sink.accept(cursor);
            }
        }
    }

    /** Every deal that existed at {@code asOf}. */
    public List<DealHistory> all(Instant asOf) {
        long micros = TimelineColumns.micros(asOf);
        return histories((r, i) -> r.firstMicros()[i] <= micros, c -> true);
    }

    /** A test of the bounds of the deal at a slot, before its columns are read. */
    private interface BoundsTest {
        boolean mayMatter(Registry registry, int slot);
    }

    /**
     * The histories whose columns pass {@code wanted}, of the deals whose bounds pass {@code bounds}. Bounds only
     * widen as events arrive and the tests on them are monotone, so columns as new as the bounds read or newer pass
     * them too: {@code wanted} tests only what the bounds cannot say (the scope).
     */
    private List<DealHistory> histories(BoundsTest bounds, Predicate<TimelineColumns> wanted) {
        Registry r = registry;
        List<DealHistory> histories = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            if (!bounds.mayMatter(r, i)) {
                continue;
            }
            TimelineColumns columns = r.timelines()[i].columns();
            if (columns.size() > 0 && wanted.test(columns)) {
                histories.add(new DealHistory(columns.opportunityId(), columns.view()));
            }
        }
        return histories;
    }

    /** The leads of the same read-model version. */
    public LeadIndex leads() {
        return leads;
    }

    /** One deal's history as it stands now (its snapshot), or null when the index has no such deal. */
    public DealHistory history(String opportunityId) {
        DealTimeline timeline = byId.get(opportunityId);
        if (timeline == null) {
            return null;
        }
        TimelineColumns columns = timeline.columns();
        return columns.size() == 0 ? null : new DealHistory(columns.opportunityId(), columns.view());
    }

    public boolean contains(String opportunityId, long sequence) {
        DealTimeline timeline = byId.get(opportunityId);
        if (timeline == null) {
            return false;
        }
        TimelineColumns c = timeline.columns();
        return Arrays.binarySearch(c.sequences(), 0, c.size(), sequence) >= 0;
    }

    /** Whether {@code asOf} is at or after every event the index holds: a question about "now". */
    public boolean isNow(Instant asOf) {
        return TimelineColumns.micros(asOf) >= newestMicros.get();
    }

    public long eventCount() {
        return events.sum();
    }

    public int dealCount() {
        return registry.size();
    }
}
