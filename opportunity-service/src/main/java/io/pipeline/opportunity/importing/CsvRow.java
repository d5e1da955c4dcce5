package io.pipeline.opportunity.importing;

import java.util.Map;

/**
 * One data row of an uploaded CSV, its values keyed by the normalised column name ({@link CsvFile#normalise}), so
 * {@code CloseDate}, {@code closedate} and {@code close_date} are the same column. Blank values are absent.
 */
public record CsvRow(String file, long row, Map<String, String> values) {

    /** The first non-blank value among the given columns (aliases), as written, or null. */
    public String get(String... columns) {
        for (String column : columns) {
            String value = values.get(column);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** An id: the value without surrounding blanks, or null. */
    public String id(String column) {
        String value = values.get(column);
        return value == null ? null : value.strip();
    }

    public ImportProblem error(String column, String problem) {
        return ImportProblem.error(file, row, column, problem);
    }

    public ImportProblem ignored(String column, String problem) {
        return ImportProblem.ignored(file, row, column, problem);
    }

    public ImportProblem notice(String column, String problem) {
        return ImportProblem.notice(file, row, column, problem);
    }
}
