package io.pipeline.testsupport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Business times around today's fiscal quarter, for tests of the business-time rule (the services' default
 * calendar: fiscal years start in January, quarters in UTC), worked out from today so a test holds on any date.
 */
public final class BusinessTimes {

    private BusinessTimes() {
    }

    /**
     * A fiscal quarter {@code back} quarters before today's (0 = today's).
     *
     * @param id     {@code FY2026-Q3}
     * @param inside noon of the quarter's 10th day: a business time in it
     * @param end    the first day after it
     */
    public record Quarter(String id, Instant inside, LocalDate start, LocalDate end) {
    }

    public static Quarter quarterBefore(int back) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate thisStart = LocalDate.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 1, 1);
        LocalDate start = thisStart.minusMonths(3L * back);
        return new Quarter("FY" + start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1),
                start.plusDays(9).atTime(12, 0).toInstant(ZoneOffset.UTC), start, start.plusMonths(3));
    }
}
