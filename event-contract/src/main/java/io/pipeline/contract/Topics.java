package io.pipeline.contract;

/**
 * The public topics. A topic's name carries its major version: a change that would break a consumer goes to a
 * new topic ({@code .v2}) while the old one keeps being written until its consumers moved.
 */
public final class Topics {

    /** Lead lifecycle events, keyed by lead id. */
    public static final String LEADS = "pipeline.leads.v1";
    /** Opportunity lifecycle events, keyed by opportunity id. */
    public static final String OPPORTUNITIES = "pipeline.opportunities.v1";
    /** Fiscal quarters closed and reopened by RevOps or an admin, keyed by quarter; one partition (a few a year). */
    public static final String PERIODS = "pipeline.periods.v1";
    /**
     * The plan the figures are measured against (organisation, quotas, currency rates) and the forecast calls,
     * written by forecast-service, keyed by what changed; one partition, so every reader applies them in one order.
     */
    public static final String PLAN = "pipeline.plan.v1";
    /** Records a consumer could not read, with the reason in headers; keyed as the original. */
    public static final String DEAD_LETTERS = "pipeline.dead-letters.v1";

    /** Partitions of each event topic: the ceiling on consumer parallelism per group. */
    public static final int PARTITIONS = 6;

    private Topics() {
    }
}
