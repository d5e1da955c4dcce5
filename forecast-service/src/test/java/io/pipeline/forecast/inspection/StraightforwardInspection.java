package io.pipeline.forecast.inspection;

import io.pipeline.forecast.figures.Basis;
import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DealHistory;
import io.pipeline.forecast.figures.DealState;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.Measure;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inspection as it was first written, kept as the reference of {@link PipelineInspectionFastPathRandomizedTest}:
 * every deal's history folded to both instants through {@link DealHistory#stateAt}, a row object with its changes
 * for every deal of the period, the stage order from the deal's events, a full sort, then the page.
 */
final class StraightforwardInspection {

    private StraightforwardInspection() {
    }

    /** Names are looked up for the page's rows only, or for every selected row when they are the order. */
    static PipelineInspection of(List<DealHistory> deals, FigureContext ctx, InspectionQuery query,
                                        DealNames names) {
        List<InspectedDeal> rows = new ArrayList<>();
        for (DealHistory deal : deals) {
            InspectedDeal row = inspect(deal, ctx, query.changedSince());
            if (row != null) {
                rows.add(row);
            }
        }
        Map<ChangeKind, Measure> totals = new EnumMap<>(ChangeKind.class);
        for (ChangeKind kind : ChangeKind.values()) {
            totals.put(kind, Measure.ZERO);
        }
        List<InspectedDeal> selected = new ArrayList<>();
        for (InspectedDeal row : rows) {
            for (InspectedDeal.Change change : row.changes()) {
                totals.merge(change.kind(), Measure.ZERO.plus(row.amount()), Measure::plus);
            }
            if (selects(query, row)) {
                selected.add(row);
            }
        }
        if (query.sort().field() == InspectionSort.Field.NAME) {
            selected = named(selected, names);
        }
        selected.sort(query.sort().comparator());
        long first = (long) query.page() * query.size();
        List<InspectedDeal> page = first >= selected.size() ? List.of()
                : selected.subList((int) first, (int) Math.min(selected.size(), first + query.size()));
        if (query.sort().field() != InspectionSort.Field.NAME) {
            page = named(page, names);
        }
        Basis basis = ctx.basis();
        return new PipelineInspection(ctx.period().id(), ctx.scope().toString(), query.changedSince(), ctx.asOf(),
                basis.currency(), totals.entrySet().stream()
                        .map(e -> new PipelineInspection.KindTotal(e.getKey(), e.getValue().count(), e.getValue().amount())).toList(),
                selected.size(), query.page(), query.size(), query.sort().toString(), page, basis);
    }

    private static List<InspectedDeal> named(List<InspectedDeal> rows, DealNames names) {
        Map<String, String> known = names.of(rows.stream().map(InspectedDeal::dealId).toList());
        List<InspectedDeal> named = new ArrayList<>(rows.size());
        for (InspectedDeal row : rows) {
            named.add(row.named(known.get(row.dealId())));
        }
        return named;
    }

    /** The deal's row, or null when it is of the period at neither instant. */
    static InspectedDeal inspect(DealHistory deal, FigureContext ctx, Instant changedSince) {
        DealState before = deal.stateAt(changedSince);
        DealState after = deal.stateAt(ctx.asOf());
        boolean inBefore = ofThePeriod(before, ctx);
        if (!inBefore && !ofThePeriod(after, ctx)) {
            return null;
        }
        String id = deal.opportunityId();
        BigDecimal amountAfter = ctx.amount(id, after);
        List<InspectedDeal.Change> changes = new ArrayList<>();
        if (before == null) {
            changes.add(new InspectedDeal.Change(ChangeKind.CREATED, null,
                    ctx.dateOf(deal.events().get(0).occurredAt()).toString()));
        }
        ending(changes, ChangeKind.CLOSED_WON, "WON", before, after);
        ending(changes, ChangeKind.CLOSED_LOST, "LOST", before, after);
        ending(changes, ChangeKind.CLOSED_DEFERRED, "DEFERRED", before, after);
        if (before != null) {
            if (!before.open() && after.open()) {
                changes.add(new InspectedDeal.Change(ChangeKind.REOPENED, before.stage(), after.stage()));
            }
            int dates = after.closeDate().compareTo(before.closeDate());
            if (dates != 0) {
                changes.add(new InspectedDeal.Change(dates > 0 ? ChangeKind.PUSHED_OUT : ChangeKind.PULLED_IN,
                        before.closeDate().toString(), after.closeDate().toString()));
            }
            BigDecimal amountBefore = ctx.amount(id, before);
            if (amountBefore != null && amountAfter != null && amountAfter.compareTo(amountBefore) != 0) {
                changes.add(new InspectedDeal.Change(amountAfter.compareTo(amountBefore) > 0 ? ChangeKind.AMOUNT_UP
                        : ChangeKind.AMOUNT_DOWN, amountBefore.toPlainString(), amountAfter.toPlainString()));
            }
            if (before.open() && after.open() && !before.stage().equals(after.stage())) {
                int order = stageOrder(deal.asOf(ctx.asOf())).compare(before.stage(), after.stage());
                if (order != 0) {
                    changes.add(new InspectedDeal.Change(order < 0 ? ChangeKind.STAGE_FORWARD : ChangeKind.STAGE_BACK,
                            before.stage(), after.stage()));
                }
            }
            if (before.open() && after.open() && !before.forecastCategory().equals(after.forecastCategory())) {
                changes.add(new InspectedDeal.Change(ChangeKind.CATEGORY_CHANGED, before.forecastCategory(),
                        after.forecastCategory()));
            }
            boolean scopedBefore = ctx.inScope(before);
            boolean scopedAfter = ctx.inScope(after);
            if (scopedBefore != scopedAfter) {
                changes.add(new InspectedDeal.Change(scopedBefore ? ChangeKind.TRANSFERRED_OUT
                        : ChangeKind.TRANSFERRED_IN, before.ownerId(), after.ownerId()));
            }
        }
        return new InspectedDeal(id, null, after.ownerId(), after.stage(), after.forecastCategory(), amountAfter,
                after.closeDate(), changes);
    }

    private static boolean selects(InspectionQuery query, InspectedDeal row) {
        return (query.kinds().isEmpty() || row.changes().stream().anyMatch(c -> query.kinds().contains(c.kind())))
                && (query.stage() == null || query.stage().equalsIgnoreCase(row.stage()))
                && (query.category() == null || query.category().equals(row.forecastCategory()));
    }

    private static boolean ofThePeriod(DealState state, FigureContext ctx) {
        return state != null && ctx.period().contains(state.closeDate()) && ctx.inScope(state);
    }

    private static void ending(List<InspectedDeal.Change> changes, ChangeKind kind, String status, DealState before,
                               DealState after) {
        if (status.equals(after.status()) && (before == null || !status.equals(before.status()))) {
            changes.add(new InspectedDeal.Change(kind, before == null ? null : before.stage(), after.stage()));
        }
    }

    /** The stage order as first written: from the deal's events up to asOf (its moves, then its categories). */
    static PipelineInspection.StageOrder stageOrder(List<DealEvent> events) {
        Map<String, Set<String>> later = new HashMap<>();
        Map<String, Integer> categoryRank = new HashMap<>();
        DealState previous = null;
        for (DealEvent event : events) {
            DealState state = event.after();
            switch (event.kind()) {
                case STAGE_ADVANCED -> later.computeIfAbsent(previous.stage(), s -> new HashSet<>()).add(state.stage());
                case STAGE_REGRESSED -> later.computeIfAbsent(state.stage(), s -> new HashSet<>()).add(previous.stage());
                default -> {
                }
            }
            if (event.kind() == DealEvent.Kind.OPENED || event.kind() == DealEvent.Kind.STAGE_ADVANCED
                    || event.kind() == DealEvent.Kind.STAGE_REGRESSED || event.kind() == DealEvent.Kind.REOPENED) {
                int rank = PipelineInspection.StageOrder.rank(state.forecastCategory());
                if (rank >= 0) {
                    categoryRank.put(state.stage(), rank);
                }
            }
            previous = state;
        }
        return new PipelineInspection.StageOrder(later, categoryRank);
    }

}
