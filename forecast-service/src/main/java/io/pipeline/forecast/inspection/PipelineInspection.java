package io.pipeline.forecast.inspection;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.pipeline.forecast.figures.Basis;
import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DealHistory;
import io.pipeline.forecast.figures.DealState;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.Measure;
import io.pipeline.forecast.index.DealAtTwoInstants;
import io.pipeline.forecast.index.DealIndex;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Pipeline inspection: the deals of a period and scope, each with what changed between {@code changedSince} and
 * {@code asOf}, with totals per kind of change; like a CRM's pipeline inspection, without a cap on the deals or on
 * how far back it looks. A deal is of the period when, at either instant, it existed with its close date in the
 * period and was in the scope. The totals count every deal of the period (whatever {@code kinds} selects); the rows
 * are those with a selected kind, sorted, one page of them.
 *
 * @param totals every {@link ChangeKind}, in its order: how many deals show it and their amount at {@code asOf}
 */
public record PipelineInspection(String period, String scope, Instant changedSince, Instant asOf, String currency,
                                 List<KindTotal> totals, long totalItems, int page, int size, String sort,
                                 List<InspectedDeal> items, Basis basis) {

    public record KindTotal(ChangeKind kind, long count, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    private static final ChangeKind[] KINDS = ChangeKind.values();

    public static PipelineInspection of(List<DealHistory> deals, FigureContext ctx, InspectionQuery query) {
        return of(deals, ctx, query, DealNames.NONE);
    }

    /** Names are looked up for the page's rows only, or for every selected row when they are the order. */
    public static PipelineInspection of(List<DealHistory> deals, FigureContext ctx, InspectionQuery query,
                                        DealNames names) {
        Instant t0 = query.changedSince();
        Tally tally = new Tally(ctx, query);
        deals.forEach(deal -> tally.accept(new HistoryAtTwoInstants(deal, t0, ctx.asOf())));
        return of(tally, ctx, query, names);
    }

    /**
     * The same answer read straight from the index's columns: each deal's two states by a binary search on its
     * event times, and nothing built for a deal that is of the period at neither instant. A large org's deals are
     * scanned in slices at once, each into its own tally.
     */
    public static PipelineInspection of(DealIndex index, FigureContext ctx, InspectionQuery query, DealNames names) {
        List<Tally> slices = index.forEachAtTwoInstantsInSlices(ctx.period(), query.changedSince(), ctx.asOf(),
                () -> new Tally(ctx, query));
        Tally tally = slices.get(0);
        slices.subList(1, slices.size()).forEach(tally::add);
        return of(tally, ctx, query, names);
    }

    private static PipelineInspection of(Tally tally, FigureContext ctx, InspectionQuery query, DealNames names) {
        List<Row> selected = tally.selected;
        boolean byName = query.sort().field() == InspectionSort.Field.NAME;
        if (byName) {
            selected = named(selected, names);
        }
        List<Row> page = page(selected, query.sort().comparator(), (long) query.page() * query.size(), query.size());
        if (!byName) {
            page = named(page, names);
        }
        List<InspectedDeal> items = page.stream().map(row -> row.inspected(ctx)).toList();
        // after every amount was converted: the basis lists the deals whose currency had no rate
        Basis basis = ctx.basis();
        return new PipelineInspection(ctx.period().id(), ctx.scope().toString(), query.changedSince(), ctx.asOf(),
                basis.currency(), tally.totals(), selected.size(), query.page(), query.size(),
                query.sort().toString(), items, basis);
    }

    /**
     * The rows from {@code first} on, in order: a bounded heap of the first {@code first + size} rows when that is
     * a small part of them (the usual first pages), else a sort of them all.
     */
    static <R> List<R> page(List<R> rows, Comparator<? super R> order, long first, int size) {
        if (first >= rows.size()) {
            return List.of();
        }
        int end = (int) Math.min(rows.size(), first + size);
        List<R> top;
        if (end > rows.size() / 8) {
            top = new ArrayList<>(rows);
        } else {
            PriorityQueue<R> heap = new PriorityQueue<>(end + 1, order.reversed());
            for (R row : rows) {
                if (heap.size() < end) {
                    heap.add(row);
                } else if (order.compare(row, heap.peek()) < 0) {
                    heap.poll();
                    heap.add(row);
                }
            }
            top = new ArrayList<>(heap);
        }
        top.sort(order);
        return top.subList((int) first, end);
    }

    private static List<Row> named(List<Row> rows, DealNames names) {
        Map<String, String> known = names.of(rows.stream().map(Row::dealId).toList());
        List<Row> named = new ArrayList<>(rows.size());
        for (Row row : rows) {
            named.add(row.named(known.get(row.dealId())));
        }
        return named;
    }

    /**
     * One pass over the candidate deals: drops those of the period at neither instant before converting any
     * amount, counts every kind of change into the totals and keeps a compact row of each selected deal.
     */
    private static final class Tally implements Consumer<DealAtTwoInstants> {

        private final FigureContext ctx;
        private final InspectionQuery query;
        private final int askedKinds;
        private final long[] counts = new long[KINDS.length];
        private final BigDecimal[] amounts = new BigDecimal[KINDS.length];
        final List<Row> selected = new ArrayList<>();

        Tally(FigureContext ctx, InspectionQuery query) {
            this.ctx = ctx;
            this.query = query;
            this.askedKinds = query.kindBits();
            Arrays.fill(amounts, Measure.ZERO.amount());
        }

        @Override
        public void accept(DealAtTwoInstants deal) {
            DealState before = deal.before();
            DealState after = deal.after();
            boolean periodBefore = before != null && ctx.period().contains(before.closeDate());
            boolean periodAfter = after != null && ctx.period().contains(after.closeDate());
            if (!periodBefore && !periodAfter) {
                return;
            }
            boolean scopedBefore = ctx.inScope(before);
            boolean scopedAfter = ctx.inScope(after);
            if (!(periodBefore && scopedBefore) && !(periodAfter && scopedAfter)) {
                return;
            }
            String id = deal.opportunityId();
            BigDecimal amount = ctx.amount(id, after);
            int kinds = kinds(deal, ctx, amount, scopedBefore, scopedAfter);
            for (int bits = kinds; bits != 0; bits &= bits - 1) {
                int kind = Integer.numberOfTrailingZeros(bits);
                counts[kind]++;
                if (amount != null) {
                    amounts[kind] = amounts[kind].add(amount);
                }
            }
            if (query.selects(askedKinds, kinds, after)) {
                selected.add(new Row(id, null, before, after, amount, kinds,
                        before == null ? deal.openedAt() : null));
            }
        }

        /** Adds another slice's tally (the sums are exact, the rows are sorted afterwards: the order is free). */
        void add(Tally other) {
            for (int kind = 0; kind < counts.length; kind++) {
                counts[kind] += other.counts[kind];
                amounts[kind] = amounts[kind].add(other.amounts[kind]);
            }
            selected.addAll(other.selected);
        }

        List<KindTotal> totals() {
            List<KindTotal> totals = new ArrayList<>(KINDS.length);
            for (ChangeKind kind : KINDS) {
                totals.add(new KindTotal(kind, counts[kind.ordinal()], amounts[kind.ordinal()]));
            }
            return totals;
        }
    }

    private static int bit(ChangeKind kind) {
        return 1 << kind.ordinal();
    }

    /** The kinds of change of a deal of the period, as bits of {@link ChangeKind#ordinal()}. */
    private static int kinds(DealAtTwoInstants deal, FigureContext ctx, BigDecimal amountAfter, boolean scopedBefore,
                             boolean scopedAfter) {
        DealState before = deal.before();
        DealState after = deal.after();
        int kinds = before == null ? bit(ChangeKind.CREATED) : 0;
        kinds |= ending(ChangeKind.CLOSED_WON, "WON", before, after);
        kinds |= ending(ChangeKind.CLOSED_LOST, "LOST", before, after);
        kinds |= ending(ChangeKind.CLOSED_DEFERRED, "DEFERRED", before, after);
        if (before == null) {
            return kinds;
        }
        if (!before.open() && after.open()) {
            kinds |= bit(ChangeKind.REOPENED);
        }
        int dates = after.closeDate().compareTo(before.closeDate());
        if (dates != 0) {
            kinds |= bit(dates > 0 ? ChangeKind.PUSHED_OUT : ChangeKind.PULLED_IN);
        }
        BigDecimal amountBefore = amountBefore(deal.opportunityId(), before, after, amountAfter, ctx);
        if (amountBefore != null && amountAfter != null && amountAfter.compareTo(amountBefore) != 0) {
            kinds |= bit(amountAfter.compareTo(amountBefore) > 0 ? ChangeKind.AMOUNT_UP : ChangeKind.AMOUNT_DOWN);
        }
        boolean openAtBoth = before.open() && after.open();
        // the stage order needs the deal's events: only for the deals whose stage differs
        if (openAtBoth && !before.stage().equals(after.stage())) {
            int order = StageOrder.of(deal).compare(before.stage(), after.stage());
            if (order != 0) {
                kinds |= bit(order < 0 ? ChangeKind.STAGE_FORWARD : ChangeKind.STAGE_BACK);
            }
        }
        if (openAtBoth && !before.forecastCategory().equals(after.forecastCategory())) {
            kinds |= bit(ChangeKind.CATEGORY_CHANGED);
        }
        if (scopedBefore != scopedAfter) {
            kinds |= bit(scopedBefore ? ChangeKind.TRANSFERRED_OUT : ChangeKind.TRANSFERRED_IN);
        }
        return kinds;
    }

    private static int ending(ChangeKind kind, String status, DealState before, DealState after) {
        return status.equals(after.status()) && (before == null || !status.equals(before.status())) ? bit(kind) : 0;
    }

    /**
     * The amount at t0 in the reporting currency. The index keeps one amount object per deal while it does not
     * change: the same amount in the same currency converts to the amount at t1 without converting again.
     */
    private static BigDecimal amountBefore(String id, DealState before, DealState after, BigDecimal amountAfter,
                                           FigureContext ctx) {
        return before.amount() == after.amount() && Objects.equals(before.currency(), after.currency()) ? amountAfter
                : ctx.amount(id, before);
    }

    /**
     * What an inspection keeps of a selected deal until it knows the page: the states at both instants, the
     * kinds of change and the amount at asOf; the changes' from/to texts are written for the page's rows only.
     *
     * @param openedAt when the deal was opened, for one created since t0; else null
     */
    private record Row(String dealId, String name, DealState before, DealState after, BigDecimal amount, int kinds,
                       Instant openedAt) implements InspectionSort.Keys {

        @Override
        public String ownerId() {
            return after.ownerId();
        }

        @Override
        public String stage() {
            return after.stage();
        }

        @Override
        public String forecastCategory() {
            return after.forecastCategory();
        }

        @Override
        public LocalDate closeDate() {
            return after.closeDate();
        }

        Row named(String dealName) {
            return new Row(dealId, dealName, before, after, amount, kinds, openedAt);
        }

        InspectedDeal inspected(FigureContext ctx) {
            List<InspectedDeal.Change> changes = new ArrayList<>(Integer.bitCount(kinds));
            for (int bits = kinds; bits != 0; bits &= bits - 1) {
                ChangeKind kind = KINDS[Integer.numberOfTrailingZeros(bits)];
                changes.add(switch (kind) {
                    case CREATED -> new InspectedDeal.Change(kind, null, ctx.dateOf(openedAt).toString());
                    case CLOSED_WON, CLOSED_LOST, CLOSED_DEFERRED -> new InspectedDeal.Change(kind,
                            before == null ? null : before.stage(), after.stage());
                    case REOPENED, STAGE_FORWARD, STAGE_BACK -> new InspectedDeal.Change(kind, before.stage(),
                            after.stage());
                    case PUSHED_OUT, PULLED_IN -> new InspectedDeal.Change(kind, before.closeDate().toString(),
                            after.closeDate().toString());
                    case AMOUNT_UP, AMOUNT_DOWN -> new InspectedDeal.Change(kind,
                            amountBefore(dealId, before, after, amount, ctx).toPlainString(), amount.toPlainString());
                    case CATEGORY_CHANGED -> new InspectedDeal.Change(kind, before.forecastCategory(),
                            after.forecastCategory());
                    case TRANSFERRED_OUT, TRANSFERRED_IN -> new InspectedDeal.Change(kind, before.ownerId(),
                            after.ownerId());
                });
            }
            return new InspectedDeal(dealId, name, after.ownerId(), after.stage(), after.forecastCategory(), amount,
                    after.closeDate(), changes);
        }
    }

    /** A plain history read at the two instants (histories from the tables while the index is loading). */
    private record HistoryAtTwoInstants(DealHistory history, DealState before, DealState after, Instant t1)
            implements DealAtTwoInstants {

        HistoryAtTwoInstants(DealHistory history, Instant t0, Instant t1) {
            this(history, history.stateAt(t0), history.stateAt(t1), t1);
        }

        @Override
        public String opportunityId() {
            return history.opportunityId();
        }

        @Override
        public Instant openedAt() {
            return history.events().get(0).occurredAt();
        }

        @Override
        public void forEachEventUpToAfter(EventVisitor visitor) {
            for (DealEvent event : history.asOf(t1)) {
                visitor.event(event.kind(), event.after());
            }
        }
    }

    /**
     * The order of a deal's stages as far as forecast-service can know it (it does not keep the sales processes):
     * first the order the deal's own moves establish (an advance from a to b puts a before b, a move back from b
     * to a too, and the order is transitive); for two stages those moves do not order, the order of the
     * categories the stages give (Pipeline, Best Case, Commit: the category a deal has on entering a stage, before
     * any override); otherwise none.
     */
    record StageOrder(Map<String, Set<String>> later, Map<String, Integer> categoryRank) {

        /** From the deal's events up to t1. */
        static StageOrder of(DealAtTwoInstants deal) {
            Map<String, Set<String>> later = new HashMap<>();
            Map<String, Integer> categoryRank = new HashMap<>();
            DealState[] previous = new DealState[1];
            deal.forEachEventUpToAfter((kind, state) -> {
                switch (kind) {
                    case STAGE_ADVANCED -> later.computeIfAbsent(previous[0].stage(), s -> new HashSet<>())
                            .add(state.stage());
                    case STAGE_REGRESSED -> later.computeIfAbsent(state.stage(), s -> new HashSet<>())
                            .add(previous[0].stage());
                    default -> {
                    }
                }
                if (kind == DealEvent.Kind.OPENED || kind == DealEvent.Kind.STAGE_ADVANCED
                        || kind == DealEvent.Kind.STAGE_REGRESSED || kind == DealEvent.Kind.REOPENED) {
                    int rank = rank(state.forecastCategory());
                    if (rank >= 0) {
                        categoryRank.put(state.stage(), rank);
                    }
                }
                previous[0] = state;
            });
            return new StageOrder(later, categoryRank);
        }

        /** Below zero when {@code a} comes before {@code b}, above when after, zero when unknown. */
        int compare(String a, String b) {
            if (reaches(a, b)) {
                return -1;
            }
            if (reaches(b, a)) {
                return 1;
            }
            Integer rankA = categoryRank.get(a);
            Integer rankB = categoryRank.get(b);
            return rankA == null || rankB == null ? 0 : Integer.compare(rankA, rankB);
        }

        private boolean reaches(String from, String to) {
            Set<String> seen = new HashSet<>();
            ArrayDeque<String> next = new ArrayDeque<>(List.of(from));
            while (!next.isEmpty()) {
                for (String stage : later.getOrDefault(next.poll(), Set.of())) {
                    if (Objects.equals(stage, to)) {
                        return true;
                    }
                    if (seen.add(stage)) {
                        next.add(stage);
                    }
                }
            }
            return false;
        }

        static int rank(String category) {
            return switch (category) {
                case DealState.PIPELINE -> 0;
                case DealState.BEST_CASE -> 1;
                case DealState.COMMIT -> 2;
                default -> -1;
            };
        }
    }
}
