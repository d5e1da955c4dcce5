package io.pipeline.forecast.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.platform.period.FiscalCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarControllerTest {

    private final ForecastSettings settings = new ForecastSettings(2, "EUR", "forecast-service",
            Duration.ofMillis(500), 2000, ZoneId.of("UTC"), 4, false);
    private final CalendarController.Calendar calendar =
            new CalendarController(new FiscalCalendar(2), settings).calendar();

    @Test
    void listsEightQuartersBeforeTheCurrentOneAndTwoAfterEachEndingWhereTheNextStarts() {
        List<CalendarController.PeriodDates> quarters = calendar.quarters();
        assertThat(quarters).hasSize(11);
        assertThat(quarters.get(8)).isEqualTo(calendar.currentQuarter());
        for (int i = 1; i < quarters.size(); i++) {
            assertThat(quarters.get(i).start()).isEqualTo(quarters.get(i - 1).end());
            assertThat(quarters.get(i).start()).isEqualTo(quarters.get(i - 1).start().plusMonths(3));
        }
        assertThat(calendar.currentQuarter().start()).isBeforeOrEqualTo(calendar.today());
        assertThat(calendar.currentQuarter().end()).isAfter(calendar.today());
    }

    @Test
    void listsTwelveMonthsBeforeTheCurrentOneAndTwoAfter() {
        assertThat(calendar.months()).hasSize(15);
        assertThat(calendar.months().get(12)).isEqualTo(calendar.currentMonth());
        assertThat(calendar.currentMonth().start()).isEqualTo(calendar.today().withDayOfMonth(1));
    }

    @Test
    void namesPeriodsAsTheFiguresDoWithTheConfiguredFiscalYear() {
        assertThat(calendar.fiscalYearStartMonth()).isEqualTo(2);
        assertThat(calendar.reportingCurrency()).isEqualTo("EUR");
        // a February start: FY2027 runs from 2026-02-01, so its first quarter is February to April 2026
        FiscalCalendar fiscal = new FiscalCalendar(2);
        assertThat(CalendarController.PeriodDates.of(fiscal.quarterOf(LocalDate.of(2026, 3, 15))))
                .isEqualTo(new CalendarController.PeriodDates("FY2027-Q1", "QUARTER", LocalDate.of(2026, 2, 1),
                        LocalDate.of(2026, 5, 1)));
        assertThat(calendar.quarters()).allMatch(q -> q.id().matches("FY\\d{4}-Q[1-4]"));
    }
}
