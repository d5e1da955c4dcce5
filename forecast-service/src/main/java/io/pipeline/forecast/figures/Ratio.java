package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** A ratio by amount and by count; each is null ("no value") where its divisor is zero. */
public record Ratio(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal byAmount,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal byCount) {

    public static final int SCALE = 4;

    /** {@code numerator / divisor} to four decimals; null when either is missing or the divisor is zero. */
    public static BigDecimal divide(BigDecimal numerator, BigDecimal divisor) {
        if (numerator == null || divisor == null || divisor.signum() == 0) {
            return null;
        }
        return numerator.divide(divisor, SCALE, RoundingMode.HALF_EVEN);
    }
}
