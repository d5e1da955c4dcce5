package io.pipeline.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Events of {@link Topics#PLAN}: what the figures are measured against, as RevOps, an admin or a caller set it (the
 * organisation, quotas, currency rates) and the forecast calls of every level. Written by forecast-service, which
 * has no event store of its own for them: the topic is their record, and every forecast instance reads it into its
 * own database, so two instances never disagree on a quota or a call. One partition: the order of the changes is
 * the topic's, and of two changes to the same thing the later one holds.
 */
public sealed interface PlanEvent extends IntegrationEvent {

    @Override
    default String topic() {
        return Topics.PLAN;
    }

    /** A rep in a team, or a team in a region. */
    record Placement(String id, String within) {
    }

    /**
     * Reps placed in teams and teams in regions (one placement, or a part of an org chart: a large chart is sent as
     * several events of at most {@code 5,000} placements each); a rep or team placed again moves.
     */
    record OrganisationPlaced(List<Placement> reps, List<Placement> teams, Instant occurredAt, String actor)
            implements PlanEvent {

        public OrganisationPlaced {
            reps = reps == null ? List.of() : List.copyOf(reps);
            teams = teams == null ? List.of() : List.copyOf(teams);
        }

        @Override
        public String subject() {
            return "org";
        }
    }

    /** @param scope {@code org}, {@code region:<id>}, {@code team:<id>}, {@code rep:<id>} or {@code segment:<name>} */
    record QuotaSet(String period, String scope, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                    Instant occurredAt, String actor) implements PlanEvent {

        @Override
        public String subject() {
            return scope;
        }
    }

    /** A rate to the reporting currency, effective from a date until the currency's next rate. */
    record CurrencyRateSet(String currency, LocalDate effectiveFrom,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rate, Instant occurredAt,
                           String actor) implements PlanEvent {

        @Override
        public String subject() {
            return currency;
        }
    }

    /**
     * A forecast call: {@code occurredAt} is when it was made (business time), {@code actor} who made it.
     *
     * @param repId         the rep a rep's call is about; null for a team's, region's or the org's call
     * @param commitDeals   the deals counted in the Commit number
     * @param bestCaseDeals the deals counted in the Best Case number beside the Commit ones
     */
    record ForecastCallSubmitted(String scope, String repId, String period,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal commit,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bestCase, String note,
                                 List<String> commitDeals, List<String> bestCaseDeals, Instant occurredAt,
                                 String actor) implements PlanEvent {

        public ForecastCallSubmitted {
            commitDeals = commitDeals == null ? List.of() : List.copyOf(commitDeals);
            bestCaseDeals = bestCaseDeals == null ? List.of() : List.copyOf(bestCaseDeals);
        }

        @Override
        public String subject() {
            return scope;
        }
    }
}
