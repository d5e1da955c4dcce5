package io.pipeline.forecast.web;

import io.pipeline.forecast.figures.CategoryTotals;
import io.pipeline.forecast.figures.CategoryTotalsQuery;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.period.FiscalCalendar;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/forecast")
public class ForecastController {

    private final CategoryTotalsQuery categoryTotals;
    private final FiscalCalendar calendar;

    public ForecastController(CategoryTotalsQuery categoryTotals, FiscalCalendar calendar) {
        this.categoryTotals = categoryTotals;
        this.calendar = calendar;
    }

    /** Open deals per forecast category and closed won, close date in the period. */
    @GetMapping("/category-totals")
    public CategoryTotals categoryTotals(@RequestParam String period, @RequestParam(defaultValue = "org") String scope) {
        return categoryTotals.totals(calendar.parse("period", period), Scope.parse("scope", scope));
    }
}
