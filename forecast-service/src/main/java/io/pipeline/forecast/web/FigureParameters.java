package io.pipeline.forecast.web;

import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import io.pipeline.platform.problem.InvalidFieldException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/** Reads the query parameters every figure shares, refusing a bad one with a problem that names it. */
@Component
public class FigureParameters {

    private final FiscalCalendar calendar;
    private final ForecastSettings settings;
    private final Clock clock;

    public FigureParameters(FiscalCalendar calendar, ForecastSettings settings, Clock clock) {
        this.calendar = calendar;
        this.settings = settings;
        this.clock = clock;
    }

    public Period period(String text) {
        return calendar.parse("period", text);
    }

    public Scope scope(String text) {
        return Scope.parse("scope", text);
    }

    /**
     * An instant ({@code 2026-07-01T09:30:00Z}) as is; a date ({@code 2026-07-01}) as the end of that day in the
     * business zone, so "as it stood on July 1st" includes July 1st's events; absent, now.
     */
    public Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return clock.instant();
        }
        try {
            return text.contains("T") ? Instant.parse(text)
                    : LocalDate.parse(text).plusDays(1).atStartOfDay(settings.businessZone()).toInstant()
                            .minus(1, ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "'" + text + "' is neither an instant (2026-07-01T09:30:00Z) nor a"
                    + " date (2026-07-01)");
        }
    }
}
