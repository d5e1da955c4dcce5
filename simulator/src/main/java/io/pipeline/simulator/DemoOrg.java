package io.pipeline.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The local stack's demo org: two regions of two teams of four reps, named so the dev issuer's users are in it
 * ({@code rep-1} and {@code rep-2} in {@code team-1}/emea, {@code rep-3} and {@code rep-4} in {@code team-2}/amer,
 * whose managers are {@code manager-1} and {@code manager-2}); the other twelve reps have no login and are seen
 * through their managers, RevOps, BI and the admin. Its history spans {@value #QUARTERS} whole fiscal quarters and
 * the current one.
 */
public final class DemoOrg {

    /** Whole fiscal quarters of history before the current one: trends and forecast accuracy need six or more. */
    public static final int QUARTERS = 7;
    static final long SEED = 42;

    public static final SimulationConfig.OrgShape SHAPE = new SimulationConfig.OrgShape(2, 2, 4).named(
            new SimulationConfig.OrgNames(List.of("emea", "amer"), List.of("team-1", "team-3", "team-2", "team-4"),
                    List.of("rep-1", "rep-2", "rep-5", "rep-6", "rep-9", "rep-10", "rep-11", "rep-12",
                            "rep-3", "rep-4", "rep-7", "rep-8", "rep-13", "rep-14", "rep-15", "rep-16")));

    private DemoOrg() {
    }

    /**
     * The demo's simulation, from the start of the fiscal quarter {@value #QUARTERS} before {@code now}'s to
     * {@code now}. Fewer leads than the defaults (half a lead a rep a week), which go on through the funnel more
     * often (MQL 0.7, SQL 0.7, SAL 0.8, conversion 0.85), and more expansions and renewals (0.12 of each a rep a
     * week): the screens are about deals, and a rep's own pipeline should not be empty. The history then takes about
     * 6.5k requests for 650 deals, where the defaults take 12.5k for 510 (most of those were leads that never leave
     * nurture).
     */
    public static SimulationConfig config(Instant now) {
        SimulationConfig defaults = SimulationConfig.defaults();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        FiscalCalendar calendar = FiscalCalendar.of(defaults.quarterEnd());
        Instant start = calendar.quarterStart(today).minusMonths(3L * QUARTERS).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        SimulationConfig.LeadFunnel funnel = defaults.leadFunnel();
        return defaults.withSeed(SEED).withOrg(SHAPE).withPeriod(start, now)
                .withExistingBusiness(new SimulationConfig.ExistingBusiness(0.12, 0.12,
                        defaults.existingBusiness().customersPerRep()))
                .withLeads(0.5,
                new SimulationConfig.LeadFunnel(0.7, 0.7, 0.8, 0.85, funnel.recycleRate(), funnel.meanDaysToMql(),
                        funnel.meanDaysToSql(), funnel.meanDaysToSal(), funnel.meanDaysToConvert(),
                        funnel.meanDaysToRecycle()));
    }

    /** The first day of the fiscal quarter {@code now} is in. */
    public static LocalDate quarterStart(Instant now) {
        return FiscalCalendar.of(SimulationConfig.defaults().quarterEnd())
                .quarterStart(LocalDate.ofInstant(now, ZoneOffset.UTC));
    }
}
