package io.pipeline.simulator;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP request of the public API that records a simulated event, with its business time, so the services
 * store what the simulation says happened when it happened.
 *
 * @param endpoint a name for counting calls: method and path with the id replaced
 */
public record ApiCall(String method, String path, Map<String, Object> body, String endpoint) {

    /**
     * The request for {@code event}; empty when the API records it on its own: the opening of a deal from a lead,
     * which opportunity-service does when it reads the lead's LeadConverted event.
     */
    public static Optional<ApiCall> of(IntegrationEvent event) {
        if (event instanceof LeadEvent lead) {
            return Optional.of(forLead(lead));
        }
        return forDeal((OpportunityEvent) event);
    }

    /**
     * The same request for a change happening now: without a business time, which the service then takes as now
     * (what a person's command in the UI sends).
     */
    public ApiCall live() {
        Map<String, Object> now = new LinkedHashMap<>(body);
        now.remove("occurredAt");
        return new ApiCall(method, path, now, endpoint);
    }

    /** A forecast call (a rep's, or a level's by scope); with its business time ({@code submittedAt}) unless now. */
    public static ApiCall of(SalesPlan.Call call, boolean now) {
        Body body = (call.repId() != null ? new Body().put("repId", call.repId()) : new Body().put("scope", call.scope()))
                .put("period", call.period())
                .put("commit", call.commit().toPlainString()).put("bestCase", call.bestCase().toPlainString())
                .put("submittedAt", now ? null : call.submittedAt().toString()).put("note", call.note());
        return new ApiCall("POST", "/api/forecast/calls", body.values, "POST /api/forecast/calls");
    }

    private static ApiCall forLead(LeadEvent event) {
        LeadEvent.Lead lead = event.lead();
        String id = lead.leadId();
        Body body = new Body().put("occurredAt", event.occurredAt().toString());
        if (event instanceof LeadEvent.LeadCaptured) {
            body.put("leadId", id)
                    .put("personName", "Buyer at " + lead.company())
                    .put("email", "buyer." + id.toLowerCase(Locale.ROOT) + "@example.com")
                    .put("jobTitle", "Head of Revenue Operations")
                    .put("company", lead.company())
                    .put("source", lead.source())
                    .put("ownerId", lead.ownerId())
                    .put("teamId", lead.teamId())
                    .put("regionId", lead.regionId())
                    .put("segment", lead.segment());
            return new ApiCall("POST", "/api/leads", body.values, "POST /api/leads");
        }
        String action;
        if (event instanceof LeadEvent.LeadNurtured) {
            action = "nurture";
        } else if (event instanceof LeadEvent.LeadMarketingQualified mql) {
            action = "mark-mql";
            body.put("score", mql.score());
        } else if (event instanceof LeadEvent.LeadQualified qualified) {
            action = "qualify";
            body.put(qualified.framework().toLowerCase(Locale.ROOT), "MEDDIC".equals(qualified.framework())
                    ? new Body().put("metrics", "cut cycle time").put("economicBuyer", "CFO")
                    .put("decisionCriteria", "integration, price").put("decisionProcess", "committee in Q+1")
                    .put("pain", "forecast misses").put("champion", "VP Sales").values
                    : new Body().put("budget", "approved").put("authority", "director signs")
                    .put("need", "pipeline visibility").put("timing", "this quarter").values);
        } else if (event instanceof LeadEvent.LeadAccepted accepted) {
            action = "accept";
            body.put("aeId", accepted.acceptedBy()).put("teamId", lead.teamId()).put("regionId", lead.regionId());
        } else if (event instanceof LeadEvent.LeadRejected rejected) {
            action = "reject";
            body.put("reason", rejected.reason());
        } else if (event instanceof LeadEvent.LeadDisqualified disqualified) {
            action = "disqualify";
            body.put("reason", disqualified.reason());
        } else if (event instanceof LeadEvent.LeadRecycled) {
            action = "recycle";
        } else if (event instanceof LeadEvent.LeadConverted converted) {
            action = "convert";
            body.put("accountId", converted.accountId()).put("accountName", converted.accountName())
                    .put("opportunityName", converted.opportunityName())
                    .put("amount", converted.amount().toPlainString()).put("currency", converted.currency())
                    .put("closeDate", converted.closeDate().toString());
        } else {
            throw new IllegalArgumentException("no API call for " + event.getClass().getSimpleName());
        }
        return new ApiCall("POST", "/api/leads/" + id + "/" + action, body.values, "POST /api/leads/{id}/" + action);
    }

    private static Optional<ApiCall> forDeal(OpportunityEvent event) {
        OpportunityEvent.Deal deal = event.deal();
        Body body = new Body().put("occurredAt", event.occurredAt().toString());
        if (event instanceof OpportunityEvent.OpportunityOpened opened) {
            if (opened.leadId() != null) {
                return Optional.empty();
            }
            body.put("opportunityId", deal.opportunityId()).put("accountId", deal.accountId())
                    .put("name", deal.name()).put("ownerId", deal.ownerId()).put("teamId", deal.teamId())
                    .put("regionId", deal.regionId()).put("segment", deal.segment()).put("type", deal.type())
                    .put("amount", deal.amount().toPlainString()).put("currency", deal.currency())
                    .put("closeDate", deal.closeDate().toString()).put("stage", deal.stage());
            return Optional.of(new ApiCall("POST", "/api/opportunities", body.values, "POST /api/opportunities"));
        }
        String method = "POST";
        String action;
        if (event instanceof OpportunityEvent.StageAdvanced) {
            action = "advance";
            body.put("stage", deal.stage());
        } else if (event instanceof OpportunityEvent.StageRegressed) {
            action = "regress";
            body.put("stage", deal.stage());
        } else if (event instanceof OpportunityEvent.CloseDateChanged) {
            method = "PUT";
            action = "close-date";
            body.put("closeDate", deal.closeDate().toString());
        } else if (event instanceof OpportunityEvent.AmountChanged) {
            method = "PUT";
            action = "amount";
            body.put("amount", deal.amount().toPlainString()).put("currency", deal.currency());
        } else if (event instanceof OpportunityEvent.OwnerReassigned) {
            method = "PUT";
            action = "owner";
            body.put("ownerId", deal.ownerId()).put("teamId", deal.teamId()).put("regionId", deal.regionId());
        } else if (event instanceof OpportunityEvent.ForecastCategoryOverridden overridden) {
            method = "PUT";
            action = "forecast-category";
            body.put("forecastCategory", deal.forecastCategory()).put("reason", overridden.reason());
        } else if (event instanceof OpportunityEvent.DealClosedWon) {
            action = "close-won";
            body.put("closeDate", deal.closeDate().toString());
        } else if (event instanceof OpportunityEvent.DealClosedLost lost) {
            action = "close-lost";
            body.put("reason", lost.reason()).put("competitor", lost.competitor())
                    .put("closeDate", deal.closeDate().toString());
        } else if (event instanceof OpportunityEvent.DealDeferred deferred) {
            action = "defer";
            body.put("reason", deferred.reason()).put("closeDate", deal.closeDate().toString());
        } else if (event instanceof OpportunityEvent.DealReopened) {
            action = "reopen";
            body.put("stage", deal.stage()).put("closeDate", deal.closeDate().toString());
        } else {
            throw new IllegalArgumentException("no API call for " + event.getClass().getSimpleName());
        }
        return Optional.of(new ApiCall(method, "/api/opportunities/" + deal.opportunityId() + "/" + action,
                body.values, method + " /api/opportunities/{id}/" + action));
    }

    /** A JSON object in the order its fields were put, without the absent ones. */
    private static final class Body {
        final Map<String, Object> values = new LinkedHashMap<>();

        Body put(String name, Object value) {
            if (value != null) {
                values.put(name, value);
            }
            return this;
        }
    }
}
