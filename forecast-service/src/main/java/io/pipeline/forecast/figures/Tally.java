package io.pipeline.forecast.figures;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** Measures added up per key (a rep, a segment, a competitor), listed in key order. */
final class Tally {

    private final Map<String, Measure> byKey = new TreeMap<>();

    void add(String key, BigDecimal dealAmount) {
        byKey.merge(keyOf(key), Measure.ZERO.plus(dealAmount), Measure::plus);
    }

    /** Takes back one {@link #add}; a key left with no deal is no longer listed, as if never added. */
    void remove(String key, BigDecimal dealAmount) {
        Measure left = byKey.get(keyOf(key)).minus(dealAmount);
        if (left.count() == 0) {
            byKey.remove(keyOf(key));
        } else {
            byKey.put(keyOf(key), left);
        }
    }

    /** Adds a measure of many deals to the key. */
    void add(String key, Measure measure) {
        byKey.merge(keyOf(key), measure, Measure::plus);
    }

    /** Adds every key's measure of the other tally (a scope's parts put together). */
    void addAll(Tally other) {
        other.byKey.forEach((key, measure) -> byKey.merge(key, measure, Measure::plus));
    }

    Tally copy() {
        Tally copy = new Tally();
        copy.byKey.putAll(byKey);
        return copy;
    }

    private static String keyOf(String key) {
        return key == null ? "(none)" : key;
    }

    Measure get(String key) {
        return byKey.getOrDefault(key, Measure.ZERO);
    }

    java.util.Set<String> keys() {
        return byKey.keySet();
    }

    <T> List<T> list(BiFunction<String, Measure, T> row) {
        return byKey.entrySet().stream().map(e -> row.apply(e.getKey(), e.getValue())).toList();
    }
}
