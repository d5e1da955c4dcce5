package io.pipeline.forecast.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.platform.period.FiscalCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarControllerTest {

    /** 22:30 on the last day of a fiscal quarter in UTC: already the next day, and quarter, in Tokyo (UTC+9). */
    private static final Clock LAST_EVENING_OF_FY2027_Q1 =
            Clock.fixed(Instant.parse("2026-04-30T22:30:00Z"), ZoneId.of("UTC"));

    private final CalendarController.Calendar calendar = calendarIn(ZoneId.of("UTC"));

    private static CalendarController.Calendar calendarIn(ZoneId businessZone) {
        ForecastSettings settings = new ForecastSettings(2, "EUR", "forecast-service", Duration.ofMillis(500), 2000,
                businessZone, 4, false, Duration.ofSeconds(60));
        return new CalendarController(new FiscalCalendar(2), settings, LAST_EVENING_OF_FY2027_Q1).calendar();
    }

    @Test
    void theCurrentPeriodsAreTodaysByTheApplicationClockInTheBusinessZone() {
        // a February start: FY2027-Q1 is February to April 2026, its third month April
        assertThat(calendar.today()).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(calendar.currentQuarter()).isEqualTo(new CalendarController.PeriodDates("FY2027-Q1", "QUARTER",
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 5, 1)));
        assertThat(calendar.currentMonth()).isEqualTo(new CalendarController.PeriodDates("FY2027-M03", "MONTH",
                LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1)));

        CalendarController.Calendar tokyo = calendarIn(ZoneId.of("Asia/Tokyo"));
        assertThat(tokyo.today()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(tokyo.currentQuarter()).isEqualTo(new CalendarController.PeriodDates("FY2027-Q2", "QUARTER",
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 8, 1)));
        assertThat(tokyo.currentMonth()).isEqualTo(new CalendarController.PeriodDates("FY2027-M04", "MONTH",
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1)));
        assertThat(tokyo.quarters().get(0).id()).isEqualTo("FY2025-Q2");
    }

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
