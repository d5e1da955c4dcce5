package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/**
 * Durations in days (two decimals): mean, median (the mean of the two middle values for an even count) and p90
 * (nearest rank: the smallest value with at least 90% of the values at or below it). All null when empty.
 */
public record DurationStats(long count, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal meanDays,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal medianDays,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal p90Days) {

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    public static DurationStats of(List<Duration> durations) {
        long[] seconds = durations.stream().mapToLong(Duration::toSeconds).sorted().toArray();
        return ofSortedSeconds(seconds, seconds.length);
    }

    /** The same statistics over the first {@code n} values of {@code seconds}, already in ascending order. */
    public static DurationStats ofSortedSeconds(long[] seconds, int n) {
        if (n == 0) {
            return new DurationStats(0, null, null, null);
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += seconds[i];
        }
        BigDecimal median = n % 2 == 1 ? BigDecimal.valueOf(seconds[n / 2])
                : BigDecimal.valueOf(seconds[n / 2 - 1] + seconds[n / 2]).divide(BigDecimal.valueOf(2));
        int p90Rank = (int) Math.ceil(0.9 * n);
        return new DurationStats(n, days(BigDecimal.valueOf(total).divide(BigDecimal.valueOf(n), 6,
                RoundingMode.HALF_EVEN)), days(median), days(BigDecimal.valueOf(seconds[p90Rank - 1])));
    }

    private static BigDecimal days(BigDecimal seconds) {
        return seconds.divide(SECONDS_PER_DAY, 2, RoundingMode.HALF_EVEN);
    }
}
