package io.pipeline.forecast.inspection;

import java.time.Instant;
import java.util.Set;

/**
 * What an inspection is asked for beyond the period, scope and as-of instant every figure has.
 *
 * @param changedSince the instant changes are counted from (t0, at or before asOf)
 * @param kinds        rows with at least one of these kinds; empty: every deal of the period
 */
public record InspectionQuery(Instant changedSince, Set<ChangeKind> kinds, InspectionSort sort, int page, int size) {

    public InspectionQuery {
        kinds = Set.copyOf(kinds);
    }
}
