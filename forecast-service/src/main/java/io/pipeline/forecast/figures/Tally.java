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
        byKey.merge(key == null ? "(none)" : key, Measure.ZERO.plus(dealAmount), Measure::plus);
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
