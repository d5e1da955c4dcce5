package io.pipeline.forecast.inspection;

import io.pipeline.platform.problem.InvalidFieldException;
import java.util.Comparator;
import java.util.Locale;

/**
 * The order of an inspection's rows: {@code amount}, {@code closeDate}, {@code name} or {@code dealId}, then
 * {@code asc} or {@code desc} ({@code amount,desc}). Rows without the value (an amount without a rate) come last
 * either way; equal values keep deal id order, so pages are stable.
 */
public record InspectionSort(Field field, boolean descending) {

    public static final InspectionSort DEFAULT = new InspectionSort(Field.AMOUNT, true);

    public enum Field {
        AMOUNT("amount", Comparator.comparing(InspectedDeal::amount, Comparator.nullsLast(Comparator.naturalOrder()))),
        CLOSE_DATE("closeDate", Comparator.comparing(InspectedDeal::closeDate,
                Comparator.nullsLast(Comparator.naturalOrder()))),
        NAME("name", Comparator.comparing(InspectedDeal::name, Comparator.nullsLast(Comparator.naturalOrder()))),
        DEAL_ID("dealId", Comparator.comparing(InspectedDeal::dealId));

        private final String parameter;
        private final Comparator<InspectedDeal> ascending;

        Field(String parameter, Comparator<InspectedDeal> ascending) {
            this.parameter = parameter;
            this.ascending = ascending;
        }
    }

    public static InspectionSort parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String[] parts = text.split(",", -1);
        Field sorted = null;
        for (Field candidate : Field.values()) {
            if (candidate.parameter.equals(parts[0].trim())) {
                sorted = candidate;
            }
        }
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
        if (sorted == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw new InvalidFieldException(field, "'" + text + "' is not amount, closeDate, name or dealId,"
                    + " optionally followed by ,asc or ,desc");
        }
        return new InspectionSort(sorted, direction.equals("desc"));
    }

    /** Rows in this order; a missing value last in both directions, ties by deal id. */
    Comparator<InspectedDeal> comparator() {
        Comparator<InspectedDeal> present = Comparator.comparing(row -> value(row) == null);
        Comparator<InspectedDeal> byValue = descending ? field.ascending.reversed() : field.ascending;
        return present.thenComparing((a, b) -> value(a) == null ? 0 : byValue.compare(a, b))
                .thenComparing(InspectedDeal::dealId);
    }

    private Object value(InspectedDeal row) {
        return switch (field) {
            case AMOUNT -> row.amount();
            case CLOSE_DATE -> row.closeDate();
            case NAME -> row.name();
            case DEAL_ID -> row.dealId();
        };
    }

    @Override
    public String toString() {
        return field.parameter + "," + (descending ? "desc" : "asc");
    }
}
