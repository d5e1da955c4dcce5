package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Open deals with a close date in the period per forecast category, and what closed won in it. */
public record CategoryTotals(String period, LocalDate start, LocalDate end, String scope, String currency,
                             List<Total> totals) {

    /** @param category PIPELINE, BEST_CASE, COMMIT or CLOSED_WON */
    public record Total(String category, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, long count) {
    }

    public Total total(String category) {
        return totals.stream().filter(t -> t.category().equals(category)).findFirst().orElseThrow();
    }
}
