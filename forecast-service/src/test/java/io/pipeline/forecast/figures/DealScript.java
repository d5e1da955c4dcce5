package io.pipeline.forecast.figures;

import io.pipeline.platform.period.FiscalCalendar;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one deal's history the way a rep lives it, for hand-worked scenarios: each step is a business date
 * (noon UTC) and a change; the deal's state after it is derived from the one before.
 */
final class DealScript {

    static final FiscalCalendar CALENDAR = new FiscalCalendar(1);

    private final String id;
    private final List<DealEvent> events = new ArrayList<>();
    private DealState state;

    private DealScript(String id) {
        this.id = id;
    }

    /** A qualified deal of rep-1 in team-1 / region-1, ENTERPRISE, USD, opened in the category's stage. */
    static DealScript opened(String id, String on, String amount, String closeDate, String category) {
        DealScript script = new DealScript(id);
        script.state = new DealState("rep-1", "team-1", "region-1", "ENTERPRISE", new BigDecimal(amount), "USD",
                LocalDate.parse(closeDate), stageOf(category), category, "OPEN", true);
        script.add(DealEvent.Kind.OPENED, on, script.state, null, null);
        return script;
    }

    static String stageOf(String category) {
        return "Stage " + category;
    }

    static Instant at(String date) {
        return date.contains("T") ? Instant.parse(date) : LocalDate.parse(date).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    static FigureContext context(String period, String asOf) {
        return context(period, asOf, ConversionRates.none("USD"));
    }

    static FigureContext context(String period, String asOf, ConversionRates rates) {
        return FigureContext.of(CALENDAR.parse("period", period), Scope.ORG, at(asOf), ZoneOffset.UTC, CALENDAR,
                Hierarchy.NONE, rates);
    }

    DealScript unqualified() {
        state = with(state.stage(), state.forecastCategory(), state.status(), false);
        return replaceLast();
    }

    DealScript owner(String owner, String team, String on) {
        state = new DealState(owner, team, state.regionId(), state.segment(), state.amount(), state.currency(),
                state.closeDate(), state.stage(), state.forecastCategory(), state.status(), state.qualified());
        return add(DealEvent.Kind.OWNER_REASSIGNED, on, state, null, null);
    }

    DealScript segment(String segment) {
        state = new DealState(state.ownerId(), state.teamId(), state.regionId(), segment, state.amount(),
                state.currency(), state.closeDate(), state.stage(), state.forecastCategory(), state.status(),
                state.qualified());
        return replaceLast();
    }

    DealScript currency(String currency) {
        state = new DealState(state.ownerId(), state.teamId(), state.regionId(), state.segment(), state.amount(),
                currency, state.closeDate(), state.stage(), state.forecastCategory(), state.status(),
                state.qualified());
        return replaceLast();
    }

    DealScript closeDate(String on, String closeDate) {
        state = new DealState(state.ownerId(), state.teamId(), state.regionId(), state.segment(), state.amount(),
                state.currency(), LocalDate.parse(closeDate), state.stage(), state.forecastCategory(), state.status(),
                state.qualified());
        return add(DealEvent.Kind.CLOSE_DATE_CHANGED, on, state, null, null);
    }

    DealScript amount(String on, String amount) {
        state = new DealState(state.ownerId(), state.teamId(), state.regionId(), state.segment(),
                new BigDecimal(amount), state.currency(), state.closeDate(), state.stage(), state.forecastCategory(),
                state.status(), state.qualified());
        return add(DealEvent.Kind.AMOUNT_CHANGED, on, state, null, null);
    }

    DealScript advance(String on, String stage, String category) {
        state = with(stage, category, "OPEN", true);
        return add(DealEvent.Kind.STAGE_ADVANCED, on, state, null, null);
    }

    DealScript regress(String on, String stage, String category) {
        state = with(stage, category, "OPEN", state.qualified());
        return add(DealEvent.Kind.STAGE_REGRESSED, on, state, null, null);
    }

    DealScript override(String on, String category) {
        state = with(state.stage(), category, "OPEN", state.qualified());
        return add(DealEvent.Kind.CATEGORY_OVERRIDDEN, on, state, null, null);
    }

    /** Closing sets the close date to the business date of the close. */
    DealScript won(String on) {
        state = closed(on, "Closed won", "CLOSED", "WON");
        return add(DealEvent.Kind.CLOSED_WON, on, state, null, null);
    }

    DealScript lost(String on, String reason, String competitor) {
        state = closed(on, "Closed lost", "OMITTED", "LOST");
        return add(DealEvent.Kind.CLOSED_LOST, on, state, reason, competitor);
    }

    DealScript deferred(String on) {
        state = closed(on, "Closed deferred", "OMITTED", "DEFERRED");
        return add(DealEvent.Kind.DEFERRED, on, state, null, null);
    }

    DealScript reopened(String on, String closeDate, String category) {
        state = new DealState(state.ownerId(), state.teamId(), state.regionId(), state.segment(), state.amount(),
                state.currency(), LocalDate.parse(closeDate), stageOf(category), category, "OPEN", state.qualified());
        return add(DealEvent.Kind.REOPENED, on, state, null, null);
    }

    DealHistory history() {
        return new DealHistory(id, events);
    }

    List<DealEvent> events() {
        return List.copyOf(events);
    }

    private DealState closed(String on, String stage, String category, String status) {
        return new DealState(state.ownerId(), state.teamId(), state.regionId(), state.segment(), state.amount(),
                state.currency(), LocalDate.parse(on.substring(0, 10)), stage, category, status, state.qualified());
    }

    private DealState with(String stage, String category, String status, boolean qualified) {
        return new DealState(state.ownerId(), state.teamId(), state.regionId(), state.segment(), state.amount(),
                state.currency(), state.closeDate(), stage, category, status, qualified);
    }

    private DealScript replaceLast() {
        DealEvent last = events.get(events.size() - 1);
        events.set(events.size() - 1, new DealEvent(id, last.sequence(), last.kind(), last.occurredAt(), state,
                last.lostReason(), last.competitor()));
        return this;
    }

    private DealScript add(DealEvent.Kind kind, String on, DealState after, String reason, String competitor) {
        events.add(new DealEvent(id, events.size(), kind, at(on), after, reason, competitor));
        return this;
    }
}
