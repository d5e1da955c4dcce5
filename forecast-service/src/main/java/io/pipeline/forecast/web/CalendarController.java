package io.pipeline.forecast.web;

import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fiscal calendar the figures are computed in, so that a client (the dashboard) offers the periods the service
 * means, named and bounded as the service names and bounds them, instead of re-implementing the fiscal year.
 */
@RestController
@RequestMapping("/api/forecast")
public class CalendarController {

    /** Quarters before the current one listed, enough for 8-period trends. */
    static final int QUARTERS_BEFORE = 8;
    /** Months before the current one listed. */
    static final int MONTHS_BEFORE = 12;
    /** Periods after the current one listed: deals already planned to close then. */
    static final int PERIODS_AFTER = 2;

    private final FiscalCalendar calendar;
    private final ForecastSettings settings;
    private final Clock clock;

    /** @param clock the application's clock ({@code ClockConfiguration}): "today" is read from it, so a test can fix it */
    public CalendarController(FiscalCalendar calendar, ForecastSettings settings, Clock clock) {
        this.calendar = calendar;
        this.settings = settings;
        this.clock = clock;
    }

    /** A period with its dates {@code [start, end)}. */
    public record PeriodDates(String id, String kind, LocalDate start, LocalDate end) {
        static PeriodDates of(Period period) {
            return new PeriodDates(period.id(), period.kind().name(), period.start(), period.end());
        }
    }

    /**
     * @param today    the business date now, in the business zone
     * @param quarters oldest first: {@value #QUARTERS_BEFORE} before the current quarter, it, and
     *                 {@value #PERIODS_AFTER} after
     * @param months   oldest first: {@value #MONTHS_BEFORE} before the current month, it, and
     *                 {@value #PERIODS_AFTER} after
     */
    public record Calendar(LocalDate today, int fiscalYearStartMonth, String businessZone, String reportingCurrency,
                           PeriodDates currentQuarter, PeriodDates currentMonth, List<PeriodDates> quarters,
                           List<PeriodDates> months) {
    }

    @GetMapping("/calendar")
    public Calendar calendar() {
        LocalDate today = LocalDate.now(clock.withZone(settings.businessZone()));
        Period quarter = calendar.quarterOf(today);
        Period month = calendar.monthOf(today);
        return new Calendar(today, settings.fiscalYearStartMonth(), settings.businessZone().getId(),
                settings.reportingCurrency(), PeriodDates.of(quarter), PeriodDates.of(month),
                around(quarter, 3, QUARTERS_BEFORE), around(month, 1, MONTHS_BEFORE));
    }

    private List<PeriodDates> around(Period current, int monthsLong, int before) {
        List<PeriodDates> periods = new ArrayList<>();
        for (int i = -before; i <= PERIODS_AFTER; i++) {
            LocalDate start = current.start().plusMonths((long) i * monthsLong);
            periods.add(PeriodDates.of(monthsLong == 3 ? calendar.quarterOf(start) : calendar.monthOf(start)));
        }
        return periods;
    }
}
