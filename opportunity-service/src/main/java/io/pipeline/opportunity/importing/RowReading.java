package io.pipeline.opportunity.importing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the cells of one row, collecting a problem for each bad or missing one instead of stopping at the first,
 * so the report names every problem of a row at once. Columns are given as the documentation spells them
 * ({@code CloseDate}, {@code close_date}); the first is named in problems, the others are accepted aliases.
 */
final class RowReading {

    private final CsvRow row;
    private final ZoneId zone;
    private final List<ImportProblem> problems = new ArrayList<>();

    RowReading(CsvRow row, ZoneId zone) {
        this.row = row;
        this.zone = zone;
    }

    CsvRow row() {
        return row;
    }

    List<ImportProblem> problems() {
        return problems;
    }

    String text(boolean required, int maxLength, String... columns) {
        return read(required, v -> Cells.text(v, maxLength), columns);
    }

    /** An id or code: without surrounding blanks, at most 60 characters (ids here get a prefix and hold 64). */
    String id(boolean required, String... columns) {
        return read(required, v -> Cells.text(v.strip(), 60), columns);
    }

    Instant instant(boolean required, String... columns) {
        return read(required, v -> Cells.instant(v, zone), columns);
    }

    LocalDate date(boolean required, String... columns) {
        return read(required, v -> Cells.date(v, zone), columns);
    }

    /** A HubSpot date property: epoch milliseconds or a date and time ({@link Cells#epochMillisOrInstant}). */
    Instant epochMillisOrInstant(boolean required, String... columns) {
        return read(required, v -> Cells.epochMillisOrInstant(v, zone), columns);
    }

    LocalDate epochMillisOrDate(boolean required, String... columns) {
        return read(required, v -> Cells.epochMillisOrDate(v, zone), columns);
    }

    BigDecimal amount(boolean required, String... columns) {
        return read(required, Cells::amount, columns);
    }

    BigDecimal rate(boolean required, String... columns) {
        return read(required, Cells::rate, columns);
    }

    <E extends Enum<E>> E choice(Class<E> type, String... columns) {
        return read(false, v -> Cells.choice(type, v), columns);
    }

    /**
     * A forecast category as Salesforce writes it, the label ({@code Best Case}) or the API name
     * ({@code BestCase}): our {@link io.pipeline.opportunity.process.ForecastCategory} name, or null when absent.
     */
    String forecastCategory(String... columns) {
        return read(false, v -> {
            String category = switch (CsvFile.normalise(v)) {
                case "pipeline" -> "PIPELINE";
                case "bestcase" -> "BEST_CASE";
                case "commit" -> "COMMIT";
                case "omitted" -> "OMITTED";
                case "closed" -> "CLOSED";
                default -> null;
            };
            if (category == null) {
                throw new Cells.BadCell("'" + v + "' is not a forecast category (Pipeline, Best Case, Commit, Omitted,"
                        + " Closed)");
            }
            return category;
        }, columns);
    }

    /** A currency code as ISO 4217 writes it (USD, EUR); null when absent. */
    String currency(String... columns) {
        String code = text(false, 3, columns);
        if (code != null && !code.matches("[A-Z]{3}")) {
            problems.add(row.error(columns[0], "'" + code + "' is not an ISO 4217 code such as USD"));
            return null;
        }
        return code;
    }

    private <T> T read(boolean required, Function<String, T> parse, String... columns) {
        String value = row.get(Arrays.stream(columns).map(CsvFile::normalise).toArray(String[]::new));
        if (value == null) {
            if (required) {
                problems.add(row.error(columns[0], "required"));
            }
            return null;
        }
        try {
            return parse.apply(value);
        } catch (Cells.BadCell bad) {
            problems.add(row.error(columns[0], bad.getMessage()));
            return null;
        }
    }
}
