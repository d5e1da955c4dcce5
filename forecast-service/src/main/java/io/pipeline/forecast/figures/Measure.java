package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/** An amount in the reporting currency and a count of deals. */
public record Measure(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, long count) {

    public static final Measure ZERO = new Measure(BigDecimal.ZERO.setScale(2), 0);

    /** Adds one deal; an amount that could not be converted (null) adds to the count only. */
    public Measure plus(BigDecimal dealAmount) {
        return new Measure(dealAmount == null ? amount : amount.add(dealAmount), count + 1);
    }

    /** Takes one deal out again, exactly as {@link #plus(BigDecimal)} added it (running totals drop a deal). */
    public Measure minus(BigDecimal dealAmount) {
        return new Measure(dealAmount == null ? amount : amount.subtract(dealAmount), count - 1);
    }

    public Measure plus(Measure other) {
        return new Measure(amount.add(other.amount), count + other.count);
    }

    /** A converted amount, or zero for a deal whose currency had no rate (it is listed as unconverted). */
    public static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    public Measure negate() {
        return new Measure(amount.negate(), -count);
    }

    /** Amount and count of this divided by that; null where the divisor is zero. */
    public Ratio over(Measure divisor) {
        return new Ratio(Ratio.divide(amount, divisor.amount),
                Ratio.divide(BigDecimal.valueOf(count), BigDecimal.valueOf(divisor.count)));
    }
}
