package io.pipeline.opportunity.importing;

/**
 * Something wrong with the input, named precisely enough to fix it: the file, the row (the header is row 1; a
 * quoted field spanning lines still counts as one row) and the column.
 *
 * @param severity ERROR: the deal the row belongs to is not imported; IGNORED: the deal is imported without what
 *                 the row says (e.g. a change to a closed deal, which this system keeps as history); NOTICE: the
 *                 deal is imported whole, but with a placeholder an admin may want to replace (a deal without an
 *                 account, an owner missing from the mapping), so nothing is filled in silently
 */
public record ImportProblem(String file, long row, String column, String problem, Severity severity) {

    public enum Severity {
        ERROR, IGNORED, NOTICE
    }

    public static ImportProblem error(String file, long row, String column, String problem) {
        return new ImportProblem(file, row, column, problem, Severity.ERROR);
    }

    public static ImportProblem ignored(String file, long row, String column, String problem) {
        return new ImportProblem(file, row, column, problem, Severity.IGNORED);
    }

    public static ImportProblem notice(String file, long row, String column, String problem) {
        return new ImportProblem(file, row, column, problem, Severity.NOTICE);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
