package io.pipeline.forecast.figures;

import java.time.Instant;
import java.util.List;

/**
 * The coverage of each scope one level below the asked one (the board's drill-down), a page at a time: the org's
 * regions (its teams when no region is placed), a region's teams, a team's reps, as the organisation places them,
 * sorted by id. A deal counts in the child its state as of t is placed in, as in each child's own coverage; a deal
 * whose team or region the organisation does not place counts in the asked scope's figures but in no child's.
 *
 * @param page     the page shown, from 0 (a page past the end shows the last)
 * @param pages    how many pages the children fill (at least 1)
 * @param size     children per page
 * @param total    how many children the scope has
 * @param children the page's children, each with its coverage (its basis names the child's scope)
 */
public record CoverageBelow(String period, String scope, Instant asOf, int page, int pages, int size, int total,
                            List<Child> children) {

    public record Child(String scope, Coverage coverage) {
    }
}
