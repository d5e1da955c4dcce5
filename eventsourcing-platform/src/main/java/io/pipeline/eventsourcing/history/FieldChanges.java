package io.pipeline.eventsourcing.history;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects what an event changed, field by field, writing every value the same way whatever its type. */
public final class FieldChanges {

    private final List<FieldChange> changes = new ArrayList<>();

    /** The field, if its value differs before and after (amounts compared by value: {@code 1000} = {@code 1000.00}). */
    public FieldChanges field(String field, Object from, Object to) {
        String before = text(from);
        String after = text(to);
        if (!Objects.equals(before, after)) {
            changes.add(new FieldChange(field, before, after));
        }
        return this;
    }

    /** A fact the event recorded (a reason, a competitor), as a change from nothing; nothing when absent. */
    public FieldChanges fact(String field, Object value) {
        return field(field, null, value);
    }

    public List<FieldChange> list() {
        return List.copyOf(changes);
    }

    /** Amounts with two decimals or as many as they need ({@code 120000} and {@code 120000.000} -> {@code 120000.00}). */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal amount) {
            BigDecimal exact = amount.stripTrailingZeros();
            return (exact.scale() < 2 ? exact.setScale(2) : exact).toPlainString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return value.toString();
    }
}
