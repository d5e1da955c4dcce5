package io.pipeline.lead.command;

import io.pipeline.lead.api.Conversions;
import io.pipeline.lead.api.LeadAccepted;
import io.pipeline.lead.api.LeadCaptured;
import io.pipeline.lead.api.LeadConverted;
import io.pipeline.lead.api.LeadDisqualified;
import io.pipeline.lead.api.LeadLifecycleEvent;
import io.pipeline.lead.api.LeadMarketingQualified;
import io.pipeline.lead.api.LeadNurtured;
import io.pipeline.lead.api.LeadProfile;
import io.pipeline.lead.api.LeadQualified;
import io.pipeline.lead.api.LeadRejected;
import io.pipeline.lead.api.LeadSource;
import io.pipeline.lead.api.LeadState;
import io.pipeline.lead.api.QualificationFramework;
import io.pipeline.lead.api.Segment;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Event histories that bring a lead to each state, for given/when/then tests. */
final class LeadHistories {

    static final String LEAD = "lead-1";
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    static final LeadProfile PROFILE = new LeadProfile("Acme", LeadSource.INBOUND, "sdr-1", "team-sdr", "emea",
            Segment.ENTERPRISE);
    static final LeadProfile ACCEPTED_PROFILE = PROFILE.ownedBy("ae-1", "team-ae", null);
    static final Map<String, String> BANT = Map.of("budget", "100k", "authority", "CFO", "need", "forecasting",
            "timing", "Q3");

    private LeadHistories() {
    }

    static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    static LeadCaptured captured() {
        return new LeadCaptured(LEAD, PROFILE, "Ada Lovelace", "ada@acme.test", "CTO", 40, T0, "marketing");
    }

    /** The shortest history that leaves the lead in {@code state}, one minute per event from {@link #T0}. */
    static List<LeadLifecycleEvent> to(LeadState state) {
        List<LeadLifecycleEvent> history = new ArrayList<>();
        history.add(captured());
        switch (state) {
            case CAPTURED -> {
            }
            case REJECTED -> history.add(new LeadRejected(LEAD, PROFILE, LeadState.CAPTURED, "spam", at(1), "ae-1"));
            case DISQUALIFIED -> history.add(new LeadDisqualified(LEAD, PROFILE, LeadState.CAPTURED, "student",
                    at(1), "sdr-1"));
            default -> {
                history.add(new LeadNurtured(LEAD, PROFILE, LeadState.CAPTURED, at(1), "marketing"));
                if (state != LeadState.NURTURING) {
                    history.add(new LeadMarketingQualified(LEAD, PROFILE, 70, at(2), "marketing"));
                }
                if (state == LeadState.SQL || state == LeadState.SAL || state == LeadState.CONVERTED) {
                    history.add(new LeadQualified(LEAD, PROFILE, QualificationFramework.BANT, BANT, at(3), "sdr-1"));
                }
                if (state == LeadState.SAL || state == LeadState.CONVERTED) {
                    history.add(new LeadAccepted(LEAD, ACCEPTED_PROFILE, "ae-1", at(4), "ae-1"));
                }
                if (state == LeadState.CONVERTED) {
                    history.add(converted(at(5)));
                }
            }
        }
        return history;
    }

    static LeadConverted converted(Instant at) {
        return new LeadConverted(LEAD, ACCEPTED_PROFILE, Conversions.opportunityIdFor(LEAD), "acc-1", "Acme Inc",
                "Acme forecasting", new BigDecimal("50000.00"), "EUR", LocalDate.parse("2026-06-30"), at, "ae-1");
    }
}
