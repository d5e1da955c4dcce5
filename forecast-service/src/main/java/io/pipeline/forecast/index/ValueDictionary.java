package io.pipeline.forecast.index;

import io.pipeline.forecast.figures.DealState;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each distinct string (rep, team, region, stage, category...) and date once for the whole index, and an
 * amount once per deal (reused from the deal's previous state while it does not change): most of a state's
 * fields are then shared references, not copies.
 */
final class ValueDictionary {

    private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<LocalDate, LocalDate> dates = new ConcurrentHashMap<>();

    DealState compact(DealState state, DealState previous) {
        if (state.equals(previous)) {
            return previous;
        }
        return new DealState(string(state.ownerId()), string(state.teamId()), string(state.regionId()),
                string(state.segment()),
                previous != null && state.amount().equals(previous.amount()) ? previous.amount() : state.amount(),
                string(state.currency()), date(state.closeDate()), string(state.stage()),
                string(state.forecastCategory()), string(state.status()), state.qualified());
    }

    String string(String value) {
        return value == null ? null : strings.computeIfAbsent(value, v -> v);
    }

    private LocalDate date(LocalDate value) {
        return value == null ? null : dates.computeIfAbsent(value, v -> v);
    }
}
