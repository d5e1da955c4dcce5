package io.pipeline.forecast.index;

import io.pipeline.forecast.figures.CategoryTotals;
import io.pipeline.forecast.figures.CloseRates;
import io.pipeline.forecast.figures.Hierarchy;
import io.pipeline.forecast.figures.PipelineCreated;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.figures.Slippage;
import io.pipeline.forecast.index.SettledPeriod.Contribution;
import io.pipeline.forecast.index.SettledPeriod.PlacedSums;
import io.pipeline.forecast.index.SettledPeriod.Placement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A period's running sums "now" put together per scope as one organisation places the deals: the org, each
 * region, team, rep and segment. A query "now" of a scope reads its scope's sums (and a drill-down its children's)
 * instead of adding up every placement of the period (50,000 at a 1M-deal org's past quarter). A scope's sums are
 * put together from the placements' the first time it is asked, then kept up to date with them, one deal's change
 * at a time, until a query reads another organisation (the plan changed): only the scopes people ask are held.
 *
 * <p>The close rates' outcomes are kept per team and segment within each scope, as the figure lists them. Velocity
 * is not kept here (its durations would be copied once per scope): its queries add up the placements.
 *
 * <p>Not thread-safe: the period calls it holding its own lock.
 */
final class ScopeSums {

    private final Hierarchy hierarchy;
    /** The period's placements' sums (its own map, kept up to date by the period): what a new scope is read from. */
    private final Map<Placement, PlacedSums> placements;
    private final Map<Scope, Sums> byScope = new HashMap<>();

    ScopeSums(Hierarchy hierarchy, Map<Placement, PlacedSums> placements) {
        this.hierarchy = hierarchy;
        this.placements = placements;
    }

    /** Whether these are placed by {@code asked}: the same organisation (one object per plan revision). */
    boolean placedBy(Hierarchy asked) {
        return asked == hierarchy || asked.equals(hierarchy);
    }

    /** The sums of the scope's deals (put together from the placements' when first asked). */
    Sums of(Scope scope) {
        return byScope.computeIfAbsent(scope, this::putTogether);
    }

    private Sums putTogether(Scope scope) {
        Sums sums = new Sums();
        placements.forEach((placement, placed) -> {
            if (hierarchy.contains(scope, placement)) {
                sums.addAll(placed, hierarchy.teamOf(placement), placement.segment());
            }
        });
        return sums;
    }

    /** A deal's part added to its placement's sums: added to those of every scope held that it is in. */
    void add(Placement placement, Contribution deal) {
        String team = hierarchy.teamOf(placement);
        forEachHeldScopeOf(placement, sums -> sums.add(deal, team, placement.segment()));
    }

    /** A deal's part taken out of its placement's sums: taken out of those of every scope held that it is in. */
    void remove(Placement placement, Contribution deal) {
        String team = hierarchy.teamOf(placement);
        forEachHeldScopeOf(placement, sums -> sums.remove(deal, team, placement.segment()));
    }

    private void forEachHeldScopeOf(Placement placement, Consumer<Sums> change) {
        for (Scope scope : scopesOf(placement)) {
            Sums sums = byScope.get(scope);
            if (sums != null) {
                change.accept(sums);
            }
        }
    }

    /** Every scope the placement is in, as {@link Hierarchy#contains} reads it. */
    private List<Scope> scopesOf(Placement placement) {
        List<Scope> scopes = new ArrayList<>(5);
        scopes.add(Scope.ORG);
        addIfPlaced(scopes, Scope.Level.REGION, hierarchy.regionOf(placement));
        addIfPlaced(scopes, Scope.Level.TEAM, hierarchy.teamOf(placement));
        addIfPlaced(scopes, Scope.Level.REP, placement.ownerId());
        addIfPlaced(scopes, Scope.Level.SEGMENT, placement.segment());
        return scopes;
    }

    private static void addIfPlaced(List<Scope> scopes, Scope.Level level, String id) {
        if (id != null) {
            scopes.add(new Scope(level, id));
        }
    }

    /** One scope's sums; the close rates' outcomes by the team and segment each deal is listed under. */
    record Sums(CategoryTotals.Accumulator totals, Slippage.Accumulator slippage, PipelineCreated.Accumulator created,
                Map<TeamAndSegment, CloseRates.PlacedOutcomes> outcomes) {

        Sums() {
            this(new CategoryTotals.Accumulator(), new Slippage.Accumulator(), new PipelineCreated.Accumulator(),
                    new HashMap<>());
        }

        /** Adds the outcomes to a figure's sums, each under its team and segment. */
        void addOutcomesTo(CloseRates.Accumulator rates) {
            outcomes.forEach((key, placed) -> rates.addPlaced(placed, key.team(), key.segment()));
        }

        private void add(Contribution deal, String team, String segment) {
            totals.add(deal.total());
            slippage.add(deal.slippage());
            created.add(deal.created());
            outcomesOf(team, segment).add(deal.outcome());
        }

        private void remove(Contribution deal, String team, String segment) {
            totals.remove(deal.total());
            slippage.remove(deal.slippage());
            created.remove(deal.created());
            outcomesOf(team, segment).remove(deal.outcome());
        }

        private CloseRates.PlacedOutcomes outcomesOf(String team, String segment) {
            return outcomes.computeIfAbsent(new TeamAndSegment(team, segment), key -> new CloseRates.PlacedOutcomes());
        }

        private void addAll(PlacedSums placed, String team, String segment) {
            totals.addAll(placed.totals());
            slippage.addAll(placed.slippage());
            created.addAll(placed.created());
            outcomesOf(team, segment).addAll(placed.outcomes());
        }
    }

    record TeamAndSegment(String team, String segment) {
    }
}
