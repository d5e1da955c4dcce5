package io.pipeline.forecast.inspection;

import io.pipeline.platform.web.SortOrder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The order of an inspection's rows: {@code amount}, {@code closeDate}, {@code name}, {@code ownerId}, {@code stage},
 * {@code forecastCategory} or {@code dealId}, then
 * {@code asc} or {@code desc} ({@code amount,desc}). Rows without the value (an amount without a rate) come last
 * either way; equal values keep deal id order, so pages are stable.
 */
public record InspectionSort(Field field, boolean descending) {

    public static final InspectionSort DEFAULT = new InspectionSort(Field.AMOUNT, true);

    /**
     * What a row is sorted by: a row of the answer, or the compact row an inspection keeps for each selected deal
     * until it knows which of them make the page.
     */
    interface Keys {
        String dealId();

        String name();

        String ownerId();

        String stage();

        String forecastCategory();

        BigDecimal amount();

        LocalDate closeDate();
    }

    public enum Field {
        AMOUNT("amount", Comparator.comparing(Keys::amount, Comparator.nullsLast(Comparator.naturalOrder()))),
        CLOSE_DATE("closeDate", Comparator.comparing(Keys::closeDate,
                Comparator.nullsLast(Comparator.naturalOrder()))),
        NAME("name", Comparator.comparing(Keys::name, Comparator.nullsLast(Comparator.naturalOrder()))),
        OWNER("ownerId", Comparator.comparing(Keys::ownerId)),
        STAGE("stage", Comparator.comparing(Keys::stage)),
        CATEGORY("forecastCategory", Comparator.comparing(Keys::forecastCategory)),
        DEAL_ID("dealId", Comparator.comparing(Keys::dealId));

        private final String parameter;
        private final Comparator<Keys> ascending;

        Field(String parameter, Comparator<Keys> ascending) {
            this.parameter = parameter;
            this.ascending = ascending;
        }
    }

    private static final List<String> FIELDS = Arrays.stream(Field.values()).map(f -> f.parameter).toList();

    public static InspectionSort parse(String field, String text) {
        SortOrder order = SortOrder.parse(field, text, FIELDS, null);
        if (order == null) {
            return DEFAULT;
        }
        return new InspectionSort(Field.values()[FIELDS.indexOf(order.field())], order.descending());
    }

    /** Rows in this order; a missing value last in both directions, ties by deal id. */
    Comparator<Keys> comparator() {
        Comparator<Keys> present = Comparator.comparing(row -> value(row) == null);
        Comparator<Keys> byValue = descending ? field.ascending.reversed() : field.ascending;
        return present.thenComparing((a, b) -> value(a) == null ? 0 : byValue.compare(a, b))
                .thenComparing(Keys::dealId);
    }

    private Object value(Keys row) {
        return switch (field) {
            case AMOUNT -> row.amount();
            case CLOSE_DATE -> row.closeDate();
            case NAME -> row.name();
            case OWNER -> row.ownerId();
            case STAGE -> row.stage();
            case CATEGORY -> row.forecastCategory();
            case DEAL_ID -> row.dealId();
        };
    }

    @Override
    public String toString() {
        return field.parameter + "," + (descending ? "desc" : "asc");
    }
}
