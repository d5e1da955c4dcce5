package io.pipeline.forecast.inspection;

import java.time.Instant;
import java.util.Set;

/**
 * What an inspection is asked for beyond the period, scope and as-of instant every figure has.
 *
 * @param changedSince the instant changes are counted from (t0, at or before asOf)
 * @param kinds        rows with at least one of these kinds; empty: every deal of the period
 * @param stage        rows whose stage at asOf is this one (case aside); null: any
 * @param category     rows whose forecast category at asOf is this one (PIPELINE ... OMITTED); null: any
 */
public record InspectionQuery(Instant changedSince, Set<ChangeKind> kinds, String stage, String category,
                              InspectionSort sort, int page, int size) {

    public InspectionQuery {
        kinds = Set.copyOf(kinds);
    }

    /** Every stage and category. */
    public InspectionQuery(Instant changedSince, Set<ChangeKind> kinds, InspectionSort sort, int page, int size) {
        this(changedSince, kinds, null, null, sort, page, size);
    }

    /** Whether the row is one this query asks for; the totals count every row whatever it selects. */
    boolean selects(InspectedDeal row) {
        return (kinds.isEmpty() || kinds.stream().anyMatch(row::has))
                && (stage == null || stage.equalsIgnoreCase(row.stage()))
                && (category == null || category.equals(row.forecastCategory()));
    }
}
