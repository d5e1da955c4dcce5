package io.pipeline.forecast.inspection;

import io.pipeline.forecast.figures.DealState;
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

    /** The asked kinds as bits of {@link ChangeKind#ordinal()}; zero when every deal of the period is asked for. */
    int kindBits() {
        int bits = 0;
        for (ChangeKind kind : kinds) {
            bits |= 1 << kind.ordinal();
        }
        return bits;
    }

    /**
     * Whether the deal, with these kinds of change (bits of {@link #kindBits()}) and this state at asOf, is a row
     * this query asks for; the totals count every deal of the period whatever it selects.
     */
    boolean selects(int askedKinds, int changeKinds, DealState atAsOf) {
        return (askedKinds == 0 || (askedKinds & changeKinds) != 0)
                && (stage == null || stage.equalsIgnoreCase(atAsOf.stage()))
                && (category == null || category.equals(atAsOf.forecastCategory()));
    }
}
