package io.pipeline.forecast.index;

import io.pipeline.forecast.figures.CategoryTotals;
import io.pipeline.forecast.figures.CloseRates;
import io.pipeline.forecast.figures.ConversionRates;
import io.pipeline.forecast.figures.DealHistory;
import io.pipeline.forecast.figures.DealState;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.Hierarchy;
import io.pipeline.forecast.figures.PipelineCreated;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.figures.Slippage;
import io.pipeline.forecast.figures.StageVelocity;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One period's category totals, slippage, stage velocity, close rates and pipeline created, kept running while
 * the index is appended to, so that a query "now" adds up little: each deal's contribution is computed by the figure's own
 * {@code contribution} function when the deal gets an event, replaces the deal's previous one in the figure's own
 * accumulator, and the query reads the accumulator.
 *
 * <p>Every other scope (a region, team, rep or segment, placed by whatever organisation the query reads) is
 * answered from the same contributions: each figure kept here reads a deal's scope off one state only, its state
 * as of t (the totals', slippage's and close rates' deal "now", velocity's and pipeline created's last event),
 * which for a deal whose events are all at or before t is its newest state. So a scope's part of such a deal is the
 * org's part when its newest state is in the scope, else nothing, and no scope needs figures of its own. "Now",
 * the sums are also kept per placement of the deals' newest states (owner, team, region, segment: about as many
 * as reps), and those put together per scope as the queries' organisation places them ({@link ScopeSums}), so a
 * scope reads its own sums, not its deals' parts.
 *
 * <p>Why a contribution computed once stays right: as of any instant t at or after a deal's newest event (its
 * events are then all "as of t") the three figures read nothing of t but the rates' date, with one exception
 * handled explicitly: slippage counts a state as held during P only from P's start, so before P starts a settled
 * deal adds nothing to it (and after P starts, t no longer matters). Velocity counts finished visits only, never
 * the open time of a stage still held. So the contribution as of {@link #SETTLED} is the contribution as of every
 * t from the deal's newest event on, and the figure answers from here when t is at or after the newest event of
 * every deal that can concern P. As of an earlier t, a deal whose newest event is at or before t still adds its kept
 * contribution (for slippage: nothing before P starts), and only the others are computed from their histories.
 *
 * <p>Amounts: a deal whose amounts are in the reporting currency converts at 1 on every date, so its contribution
 * holds its converted amounts. A deal whose contribution needed another currency's rate (which depends on the
 * query's date, and may be missing) is kept aside and its totals and slippage computed again by each query, at
 * the query's rates; its velocity (no amounts) stays in the running figure.
 *
 * <p>Thread-safety: the index calls {@link #update} holding the deal's lock; the running figures and the updates
 * serialise on this object, so a query "now" sees them as of some sequence of appends, never half of one. An as-of
 * query holds no lock (it would stall the consumer): it reads each deal's kept contribution from a concurrent map
 * and uses it only if it was made from the very snapshot of the deal it reads.
 */
public final class SettledPeriod {

    /** An instant after any business time: "as of it" means with every event of the deal. */
    static final Instant SETTLED = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * One deal's part, as of its snapshot {@code deal}: null fields add nothing. {@code foreign}: its totals and
     * slippage needed another currency's rate, so they are not here and each query computes them.
     */
    record Contribution(TimelineColumns deal, CategoryTotals.DealTotal total, Slippage.DealSlippage slippage,
                                CloseRates.DealOutcome outcome, PipelineCreated.DealCreated created,
                                StageVelocity.DealVelocity velocity, boolean foreign) {
    }

    private final Period period;
    private final ZoneId zone;
    private final FiscalCalendar calendar;
    private final String reportingCurrency;
    private final Instant periodStart;
    private final Instant periodEnd;
    private final long fromMicros;
    private final long toMicros;
    private final int fromDay;
    private final int toDay;

    private final CategoryTotals.Accumulator totals = new CategoryTotals.Accumulator();
    private final Slippage.Accumulator slippage = new Slippage.Accumulator();
    private final StageVelocity.Accumulator velocity = new StageVelocity.Accumulator();
    private final PipelineCreated.Accumulator created = new PipelineCreated.Accumulator();
    /** The same sums placed by the deals' newest states (per placement, per segment, per scope asked). */
    private final PlacedParts placedParts = new PlacedParts();
    private final DealIndex index;
    /** Every deal that can concern the period (read without the lock by as-of queries, written under it). */
    private final Map<String, Contribution> byDeal = new ConcurrentHashMap<>();
    private final Map<String, TimelineColumns> foreign = new HashMap<>();
    /** The foreign deals' parts at the rates and date the latest query "now" read them with (null: none yet). */
    private ForeignParts foreignParts;
    /** The newest business time of the deals that can concern the period: "now" for this period starts there. */
    private long newestMicros = Long.MIN_VALUE;
    private volatile boolean ready;
    private volatile long lastAsked = System.nanoTime();

    SettledPeriod(FigureContext asked, DealIndex index) {
        this.index = index;
        this.period = asked.period();
        this.zone = asked.zone();
        this.calendar = asked.calendar();
        this.reportingCurrency = asked.money().rates().reportingCurrency();
        this.periodStart = asked.periodStart();
        this.periodEnd = asked.periodEnd();
        this.fromMicros = TimelineColumns.micros(periodStart);
        this.toMicros = TimelineColumns.micros(periodEnd);
        this.fromDay = (int) period.start().toEpochDay();
        this.toDay = (int) period.end().toEpochDay();
    }

    public Period period() {
        return period;
    }

    /** Takes the deal's newest snapshot in place of its previous contribution (called under the deal's lock). */
    void update(TimelineColumns deal) {
        // the deal's time and close-date bounds only widen: once it can concern the period, it always can
        boolean concerns = deal.concerns(fromMicros, toMicros, fromDay, toDay, Long.MAX_VALUE);
        Contribution next = concerns ? contributionOf(deal) : null;
        synchronized (this) {
            if (concerns) {
                newestMicros = Math.max(newestMicros, deal.lastMicros());
            }
            Contribution previous = next == null ? null : byDeal.put(deal.opportunityId(), next);
            if (previous != null) {
                totals.remove(previous.total());
                slippage.remove(previous.slippage());
                placedParts.remove(Placement.of(previous.deal().newestState()), previous);
                velocity.remove(previous.velocity());
                created.remove(previous.created());
                if (foreign.remove(deal.opportunityId()) != null && foreignParts != null) {
                    foreignParts.remove(deal.opportunityId());
                }
            }
            if (next != null) {
                totals.add(next.total());
                slippage.add(next.slippage());
                placedParts.add(Placement.of(deal.newestState()), next);
                velocity.add(next.velocity());
                created.add(next.created());
                if (next.foreign()) {
                    foreign.put(deal.opportunityId(), deal);
                    if (foreignParts != null) {
                        foreignParts.add(deal);
                    }
                }
            }
        }
    }

    private Contribution contributionOf(TimelineColumns columns) {
        DealHistory deal = new DealHistory(columns.opportunityId(), columns.view());
        // a converter of its own: whether this deal needed another currency's rate is what it notes
        FigureContext settled = new FigureContext(period, Scope.ORG, SETTLED, zone, calendar, Hierarchy.NONE,
                ConversionRates.none(reportingCurrency).on(LocalDate.ofInstant(SETTLED, zone)), periodStart,
                periodEnd);
        CategoryTotals.DealTotal total = CategoryTotals.contribution(deal, settled);
        Slippage.DealSlippage slipped = Slippage.contribution(deal, settled);
        CloseRates.DealOutcome outcome = CloseRates.contribution(deal, settled);
        PipelineCreated.DealCreated created = PipelineCreated.contribution(deal, settled);
        StageVelocity.DealVelocity visits = StageVelocity.contribution(deal, settled);
        if (!settled.money().unconverted().isEmpty()) {
            return new Contribution(columns, null, null, null, null, visits, true);
        }
        return new Contribution(columns, total, slipped, outcome, created, visits, false);
    }

    void markReady() {
        ready = true;
    }

    boolean ready() {
        return ready;
    }

    /** The deals that can concern the period (each holds a kept contribution). */
    public int deals() {
        return byDeal.size();
    }

    /** No longer kept up to date by the index: it answers nothing from now on. */
    synchronized void retire() {
        ready = false;
    }

    long lastAsked() {
        return lastAsked;
    }

    /** Whether this holds the asked figure's deals: this period, read the same way (any scope, any organisation). */
    private boolean holds(FigureContext ctx) {
        lastAsked = System.nanoTime();
        return ready && ctx.period().equals(period) && ctx.zone().equals(zone) && ctx.calendar() == calendar
                && ctx.money().rates().reportingCurrency().equals(reportingCurrency);
    }

    /** Whether the running figures are the answer: t at or after the newest event of every deal concerning P. */
    private boolean settledAt(FigureContext ctx) {
        return TimelineColumns.micros(ctx.asOf()) >= newestMicros;
    }

    /**
     * The figure of the asked scope, or empty when the caller has to compute it from the histories (not a
     * question about this period, or read another way). "Now": from the running figures (the org's, or the sums of
     * the scope's placements). As of an earlier instant: every deal that can
     * concern the period as of then, a deal whose newest event is at or before that instant from its kept
     * contribution, any other (and one in another currency) from its history.
     */
    public Optional<CategoryTotals> categoryTotals(FigureContext ctx) {
        if (!holds(ctx)) {
            return Optional.empty();
        }
        synchronized (this) {
            if (settledAt(ctx)) {
                return Optional.of(now(ctx, totals, ScopeSums.Sums::totals, CategoryTotals.Accumulator::new,
                        CategoryTotals.Accumulator::addAll, ForeignPart::totalsUnconverted).result(ctx));
            }
        }
        return Optional.of(asOf(ctx, CategoryTotals.Accumulator::new, Contribution::total,
                CategoryTotals::contribution, CategoryTotals.Accumulator::add, CategoryTotals.Accumulator::addAll)
                .result(ctx));
    }

    /**
     * The category totals of the scope's children (a page of the drill-down) in one pass: "now" over the
     * placements in the scope, each placement's sums added to the child it is placed in; as of an earlier instant
     * over the deals, each kept part placed by the deal's newest state and each other part computed in its
     * child's context, by the deal's state as of t.
     */
    public Optional<Map<Scope, CategoryTotals>> categoryTotalsBelow(FigureContext ctx, List<Scope> children) {
        if (!holds(ctx)) {
            return Optional.empty();
        }
        CategoryTotals.Below sums = new CategoryTotals.Below(ctx, children);
        synchronized (this) {
            if (settledAt(ctx)) {
                ScopeSums own = placedParts.byScope(ctx.hierarchy());
                ScopeSums foreignPlaced = foreign.isEmpty() ? null
                        : foreignPartsAt(ctx.money()).placedParts.byScope(ctx.hierarchy());
                for (Scope child : children) {
                    sums.addChild(child, own.of(child).totals());
                    if (foreignPlaced != null) {
                        sums.addChild(child, foreignPlaced.of(child).totals());
                    }
                }
                forEachUnconvertedInScope(ctx, part -> sums.noteUnconverted(part.placement(),
                        part.totalsUnconverted()));
                return Optional.of(sums.result());
            }
        }
        Function<Contribution, Consumer<CategoryTotals.Below>> kept =
                part -> below -> below.addKept(part.deal().newestState(), part.total());
        BiFunction<DealHistory, FigureContext, Consumer<CategoryTotals.Below>> computed =
                (deal, asked) -> below -> below.addDeal(deal);
        return Optional.of(asOf(ctx, sums::sharingContexts, kept, computed, (below, part) -> part.accept(below),
                CategoryTotals.Below::addAll).result());
    }

    public Optional<Slippage> slippage(FigureContext ctx) {
        if (!holds(ctx)) {
            return Optional.empty();
        }
        // a deal settled before P starts held no state during P yet: it adds nothing, whatever it holds later
        boolean started = !ctx.asOf().isBefore(periodStart);
        synchronized (this) {
            if (settledAt(ctx)) {
                if (!started) {
                    return Optional.of(Slippage.of(List.of(), ctx));
                }
                return Optional.of(now(ctx, slippage, ScopeSums.Sums::slippage, Slippage.Accumulator::new,
                        Slippage.Accumulator::addAll, ForeignPart::slippageUnconverted).result(ctx));
            }
        }
        return Optional.of(asOf(ctx, Slippage.Accumulator::new, kept -> started ? kept.slippage() : null,
                Slippage::contribution, Slippage.Accumulator::add, Slippage.Accumulator::addAll).result(ctx));
    }

    /**
     * Close and win rates: "now", the running sums of the placements in the scope, each placement's team read
     * through the query's organisation; as of an earlier instant the kept parts. Unlike slippage's, a kept part holds before P starts
     * too: a deal whose events are all before P's start holds only its newest state during P, so it cannot have
     * slipped out of P (that state would be open with a close date both in P and after it).
     */
    public Optional<CloseRates> closeRates(FigureContext ctx) {
        return closeRates(ctx, true);
    }

    /**
     * @param teams false when the answer leaves out the rates by team: the org's are then the sums of its three
     *              segments' outcomes (and the foreign deals' likewise), not of every placement's
     */
    public Optional<CloseRates> closeRates(FigureContext ctx, boolean teams) {
        if (!holds(ctx)) {
            return Optional.empty();
        }
        CloseRates.Accumulator sums = new CloseRates.Accumulator();
        synchronized (this) {
            if (settledAt(ctx) && !teams && wholeOrg(ctx)) {
                // the team each outcome is listed under is dropped from the answer: any will do
                placedParts.outcomesBySegment.forEach((segment, outcomes) -> sums.addPlaced(outcomes, "", segment));
                addForeignBySegment(ctx, (segment, outcomes) -> sums.addPlaced(outcomes, "", segment));
                return Optional.of(sums.result(ctx).withoutTeams());
            }
            if (settledAt(ctx)) {
                placedParts.byScope(ctx.hierarchy()).of(ctx.scope()).addOutcomesTo(sums);
                if (!foreign.isEmpty()) {
                    foreignPartsAt(ctx.money()).placedParts.byScope(ctx.hierarchy()).of(ctx.scope())
                            .addOutcomesTo(sums);
                    forEachUnconvertedInScope(ctx, part -> ctx.money().unconverted().addAll(part.outcomeUnconverted()));
                }
                return Optional.of(sums.result(ctx)).map(rates -> teams ? rates : rates.withoutTeams());
            }
        }
        return Optional.of(asOf(ctx, CloseRates.Accumulator::new, Contribution::outcome, CloseRates::contribution,
                (rates, outcome) -> rates.add(outcome, ctx), CloseRates.Accumulator::addAll).result(ctx))
                .map(rates -> teams ? rates : rates.withoutTeams());
    }

    /** Pipeline created: like close rates, the running sums of the scope's placements "now", else the kept parts. */
    public Optional<PipelineCreated> pipelineCreated(FigureContext ctx) {
        if (!holds(ctx)) {
            return Optional.empty();
        }
        synchronized (this) {
            if (settledAt(ctx)) {
                return Optional.of(now(ctx, created, ScopeSums.Sums::created, PipelineCreated.Accumulator::new,
                        PipelineCreated.Accumulator::addAll, ForeignPart::createdUnconverted).result(ctx));
            }
        }
        return Optional.of(asOf(ctx, PipelineCreated.Accumulator::new, Contribution::created,
                PipelineCreated::contribution, PipelineCreated.Accumulator::add, PipelineCreated.Accumulator::addAll)
                .result(ctx));
    }

    public Optional<StageVelocity> velocity(FigureContext ctx) {
        if (!holds(ctx)) {
            return Optional.empty();
        }
        synchronized (this) {
            if (settledAt(ctx)) {
                return Optional.of((wholeOrg(ctx) ? velocity : placedInScope(ctx, new StageVelocity.Accumulator(),
                        PlacedSums::velocity, StageVelocity.Accumulator::addAll)).result(ctx));
            }
        }
        return Optional.of(asOf(ctx, StageVelocity.Accumulator::new, Contribution::velocity,
                StageVelocity::contribution, StageVelocity.Accumulator::add, StageVelocity.Accumulator::addAll)
                .result(ctx));
    }

    /**
     * The figure's sums as of t over the deals that can concern the period then: a deal's kept contribution when it
     * was made from the very snapshot read here and that snapshot's newest event is at or before t (as of t the deal
     * is then exactly that snapshot, all of it), counted when its newest state is in the scope; else its
     * contribution computed from the snapshot's history. The index is scanned in slices at once, each into sums
     * of its own, added together at the end (every figure's sums are exact and independent of the order).
     */
    private <A, C> A asOf(FigureContext ctx, Supplier<A> fresh, Function<Contribution, C> keptPart,
                          BiFunction<DealHistory, FigureContext, C> contribution, BiConsumer<A, C> add,
                          BiConsumer<A, A> addAll) {
        long asOf = TimelineColumns.micros(ctx.asOf());
        List<A> parts = index.forEachConcerningInSlices(fromMicros, toMicros, fromDay, toDay, asOf, fresh,
                (sums, deal) -> {
                    // a deal with no state in the scope up to t adds nothing to any figure (nor notes a rate)
                    if (!deal.everInScope(ctx, asOf)) {
                        return;
                    }
                    Contribution kept = byDeal.get(deal.opportunityId());
                    boolean usable = kept != null && kept.deal() == deal && deal.lastMicros() <= asOf
                            && !kept.foreign();
                    if (!usable) {
                        add.accept(sums, contribution.apply(history(deal), ctx));
                    } else if (ctx.inScope(deal.newestState())) {
                        add.accept(sums, keptPart.apply(kept));
                    }
                });
        A sums = parts.get(0);
        parts.subList(1, parts.size()).forEach(part -> addAll.accept(sums, part));
        return sums;
    }

    /** The foreign deals' close-rate outcomes of the whole org per segment, at the query's rates and date. */
    private void addForeignBySegment(FigureContext ctx, BiConsumer<String, CloseRates.PlacedOutcomes> add) {
        if (foreign.isEmpty()) {
            return;
        }
        foreignPartsAt(ctx.money()).placedParts.outcomesBySegment.forEach(add);
        forEachUnconvertedInScope(ctx, part -> ctx.money().unconverted().addAll(part.outcomeUnconverted()));
    }

    /** The foreign deals' parts at the converter's rates and date, computed anew when either differs. */
    private ForeignParts foreignPartsAt(ConversionRates.Converter money) {
        if (foreignParts == null || foreignParts.rates != money.rates() || !foreignParts.date.equals(money.date())) {
            foreignParts = new ForeignParts(money.rates(), money.date());
            foreign.values().forEach(foreignParts::add);
        }
        return foreignParts;
    }

    /**
     * A figure's running sums "now" of the query's scope (called holding this object's lock): the org's own or the
     * scope's as the query's organisation places the deals, and the foreign deals' parts at the query's rates and
     * date, noting in the query's converter the deals of the scope one of whose currencies had no rate. The result
     * is only read: without foreign deals it is the running sums themselves.
     */
    private <A> A now(FigureContext ctx, A org, Function<ScopeSums.Sums, A> part, Supplier<A> fresh,
                      BiConsumer<A, A> add, Function<ForeignPart, Set<String>> unconverted) {
        A own = wholeOrg(ctx) ? org : part.apply(placedParts.byScope(ctx.hierarchy()).of(ctx.scope()));
        if (foreign.isEmpty()) {
            return own;
        }
        A sums = fresh.get();
        add.accept(sums, own);
        add.accept(sums, part.apply(foreignPartsAt(ctx.money()).placedParts.byScope(ctx.hierarchy())
                .of(ctx.scope())));
        forEachUnconvertedInScope(ctx, deal -> ctx.money().unconverted().addAll(unconverted.apply(deal)));
        return sums;
    }

    /** Each foreign deal of the query's scope some figure could not convert (called holding the lock). */
    private void forEachUnconvertedInScope(FigureContext ctx, Consumer<ForeignPart> note) {
        if (foreign.isEmpty()) {
            return;
        }
        foreignPartsAt(ctx.money()).unconverted.values().forEach(part -> {
            if (ctx.inScope(part.placement())) {
                note.accept(part);
            }
        });
    }

    /**
     * The foreign deals' parts (totals, slippage, close rates, pipeline created) at one date's rates, placed like
     * the others: every query "now" with the same rates (the plan's, one object per revision) and date adds them up
     * instead of computing each foreign deal from its history; a foreign deal's change replaces its part.
     */
    private final class ForeignParts {

        private final ConversionRates rates;
        private final LocalDate date;
        private final Map<String, ForeignPart> byDeal = new HashMap<>();
        private final PlacedParts placedParts = new PlacedParts();
        /** The parts of deals some figure could not convert (a currency without a rate on the date). */
        private final Map<String, ForeignPart> unconverted = new HashMap<>();

        ForeignParts(ConversionRates rates, LocalDate date) {
            this.rates = rates;
            this.date = date;
        }

        void add(TimelineColumns columns) {
            remove(columns.opportunityId());
            DealHistory deal = history(columns);
            // a converter per figure: each figure's basis lists the deals it could not convert
            FigureContext totals = settledAt(rates.on(date));
            FigureContext slipped = settledAt(rates.on(date));
            FigureContext outcome = settledAt(rates.on(date));
            FigureContext created = settledAt(rates.on(date));
            Contribution part = new Contribution(columns, CategoryTotals.contribution(deal, totals),
                    Slippage.contribution(deal, slipped), CloseRates.contribution(deal, outcome),
                    PipelineCreated.contribution(deal, created), null, true);
            ForeignPart placed = new ForeignPart(Placement.of(columns.newestState()), part,
                    Set.copyOf(totals.money().unconverted()), Set.copyOf(slipped.money().unconverted()),
                    Set.copyOf(outcome.money().unconverted()), Set.copyOf(created.money().unconverted()));
            byDeal.put(columns.opportunityId(), placed);
            placedParts.add(placed.placement(), part);
            if (placed.anyUnconverted()) {
                unconverted.put(columns.opportunityId(), placed);
            }
        }

        void remove(String opportunityId) {
            ForeignPart previous = byDeal.remove(opportunityId);
            if (previous != null) {
                placedParts.remove(previous.placement(), previous.part());
                unconverted.remove(opportunityId);
            }
        }

        private FigureContext settledAt(ConversionRates.Converter money) {
            return new FigureContext(period, Scope.ORG, SETTLED, zone, calendar, Hierarchy.NONE, money, periodStart,
                    periodEnd);
        }
    }

    /** One foreign deal's part, where its newest state places it, and the deals each figure could not convert. */
    private record ForeignPart(Placement placement, Contribution part, Set<String> totalsUnconverted,
                               Set<String> slippageUnconverted, Set<String> outcomeUnconverted,
                               Set<String> createdUnconverted) {

        boolean anyUnconverted() {
            return !totalsUnconverted.isEmpty() || !slippageUnconverted.isEmpty() || !outcomeUnconverted.isEmpty()
                    || !createdUnconverted.isEmpty();
        }
    }

    /**
     * Some deals' parts placed by their newest states (owner, team, region, segment): summed per placement (about
     * as many as reps), their close-rate outcomes per segment (the org's rates without the lists by team add up
     * these three), and the placements' sums put together per scope as the latest query's organisation places them
     * (null: none asked yet). The period keeps one for its deals in the reporting currency, its foreign parts one at
     * their rates; both are called holding the period's lock.
     */
    private static final class PlacedParts {

        private final Map<Placement, PlacedSums> byPlacement = new HashMap<>();
        private final Map<String, CloseRates.PlacedOutcomes> outcomesBySegment = new HashMap<>();
        private ScopeSums byScope;

        void add(Placement placement, Contribution part) {
            byPlacement.computeIfAbsent(placement, p -> new PlacedSums()).add(part);
            outcomesBySegment.computeIfAbsent(placement.segment(), segment -> new CloseRates.PlacedOutcomes())
                    .add(part.outcome());
            if (byScope != null) {
                byScope.add(placement, part);
            }
        }

        void remove(Placement placement, Contribution part) {
            byPlacement.get(placement).remove(part);
            outcomesBySegment.get(placement.segment()).remove(part.outcome());
            if (byScope != null) {
                byScope.remove(placement, part);
            }
        }

        /** The sums per scope as {@code hierarchy} places the deals, started anew for another organisation. */
        ScopeSums byScope(Hierarchy hierarchy) {
            if (byScope == null || !byScope.placedBy(hierarchy)) {
                byScope = new ScopeSums(hierarchy, byPlacement);
            }
            return byScope;
        }
    }

    /** A scope's running sums "now" (called holding this object's lock): those of the placements in it. */
    private <A> A placedInScope(FigureContext ctx, A sums, Function<PlacedSums, A> part, BiConsumer<A, A> add) {
        placedParts.byPlacement.forEach((placement, placed) -> {
            if (ctx.inScope(placement)) {
                add.accept(sums, part.apply(placed));
            }
        });
        return sums;
    }

    /** Where a deal's newest state places it: every scope is read off these four (through an organisation). */
    record Placement(String ownerId, String teamId, String regionId, String segment)
            implements Hierarchy.Placed {

        static Placement of(DealState state) {
            return new Placement(state.ownerId(), state.teamId(), state.regionId(), state.segment());
        }
    }

    /** The running sums of the deals of one placement (velocity's durations are held here and in the org's). */
    record PlacedSums(CategoryTotals.Accumulator totals, Slippage.Accumulator slippage,
                              CloseRates.PlacedOutcomes outcomes, PipelineCreated.Accumulator created,
                              StageVelocity.Accumulator velocity) {

        PlacedSums() {
            this(new CategoryTotals.Accumulator(), new Slippage.Accumulator(), new CloseRates.PlacedOutcomes(),
                    new PipelineCreated.Accumulator(), new StageVelocity.Accumulator());
        }

        void add(Contribution deal) {
            totals.add(deal.total());
            slippage.add(deal.slippage());
            outcomes.add(deal.outcome());
            created.add(deal.created());
            velocity.add(deal.velocity());
        }

        void remove(Contribution deal) {
            totals.remove(deal.total());
            slippage.remove(deal.slippage());
            outcomes.remove(deal.outcome());
            created.remove(deal.created());
            velocity.remove(deal.velocity());
        }
    }

    private static boolean wholeOrg(FigureContext ctx) {
        return ctx.scope().level() == Scope.Level.ORG;
    }

    private static DealHistory history(TimelineColumns deal) {
        return new DealHistory(deal.opportunityId(), deal.view());
    }
}
