package io.pipeline.forecast.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a figure was computed for, carried by every answer.
 *
 * @param ratesOn     the date whose conversion rates every amount was converted at (the as-of date)
 * @param unconverted deals counted in the figure whose currency had no rate on that date: their count is in the
 *                    figure, their amount is not
 */
public record Basis(String period, LocalDate start, LocalDate end, String scope, Instant asOf, String currency,
                    LocalDate ratesOn, List<String> unconverted) {
}
