package io.pipeline.lead.history;

import io.pipeline.eventsourcing.history.FieldChange;
import io.pipeline.eventsourcing.history.FieldChanges;
import io.pipeline.eventsourcing.history.HistoryReading;
import io.pipeline.lead.api.LeadCaptured;
import io.pipeline.lead.api.LeadConverted;
import io.pipeline.lead.api.LeadDisqualified;
import io.pipeline.lead.api.LeadLifecycleEvent;
import io.pipeline.lead.api.LeadMarketingQualified;
import io.pipeline.lead.api.LeadProfile;
import io.pipeline.lead.api.LeadQualified;
import io.pipeline.lead.api.LeadRejected;
import io.pipeline.lead.api.LeadState;
import io.pipeline.platform.security.Ownership;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A lead's events as history. Each event carries the lead's profile and state after it, but the score only where it
 * is set (capture, MQL), so the history folds the stream from its start (a lead's stream is short) to know the score
 * each change replaced. The facts an event records beside the lead are added as set from nothing: the qualification
 * framework and each of its criteria ({@code criteria.budget}, ...), a rejection's or disqualification's reason, and
 * the conversion's opportunity and its account, amount, currency and close date.
 */
final class LeadHistoryReading implements HistoryReading<LeadLifecycleEvent, LeadHistoryReading.LeadAsItStands> {

    static final LeadHistoryReading INSTANCE = new LeadHistoryReading();

    /** What the history compares before and after each event. */
    record LeadAsItStands(LeadState status, LeadProfile profile, Integer score) {
    }

    private LeadHistoryReading() {
    }

    @Override
    public String kind() {
        return "lead";
    }

    @Override
    public Class<LeadLifecycleEvent> eventType() {
        return LeadLifecycleEvent.class;
    }

    @Override
    public Ownership ownership(LeadLifecycleEvent event) {
        return new Ownership(event.profile().ownerId(), event.profile().teamId(),
                event.profile().regionId());
    }

    @Override
    public Instant occurredAt(LeadLifecycleEvent event) {
        return event.occurredAt();
    }

    @Override
    public String actor(LeadLifecycleEvent event) {
        return event.actor();
    }

    @Override
    public long readFrom(long first) {
        return 0;
    }

    @Override
    public LeadAsItStands after(LeadAsItStands before, LeadLifecycleEvent event) {
        Integer score = before == null ? null : before.score();
        if (event instanceof LeadCaptured captured) {
            score = captured.score();
        } else if (event instanceof LeadMarketingQualified mql && mql.score() != null) {
            score = mql.score();
        }
        return new LeadAsItStands(event.state(), event.profile(), score);
    }

    @Override
    public List<FieldChange> changes(LeadAsItStands before, LeadAsItStands after, LeadLifecycleEvent event) {
        LeadProfile was = before == null ? null : before.profile();
        LeadProfile is = after.profile();
        FieldChanges changes = new FieldChanges()
                .field("status", before == null ? null : before.status(), after.status())
                .field("ownerId", was == null ? null : was.ownerId(), is.ownerId())
                .field("teamId", was == null ? null : was.teamId(), is.teamId())
                .field("regionId", was == null ? null : was.regionId(), is.regionId())
                .field("score", before == null ? null : before.score(), after.score())
                .field("source", was == null ? null : was.source(), is.source())
                .field("company", was == null ? null : was.company(), is.company())
                .field("segment", was == null ? null : was.segment(), is.segment());
        if (event instanceof LeadQualified qualified) {
            changes.fact("framework", qualified.framework());
            for (Map.Entry<String, String> answer : qualified.answers().entrySet()) {
                changes.fact("criteria." + answer.getKey(), answer.getValue());
            }
        } else if (event instanceof LeadRejected rejected) {
            changes.fact("reason", rejected.reason());
        } else if (event instanceof LeadDisqualified disqualified) {
            changes.fact("reason", disqualified.reason());
        } else if (event instanceof LeadConverted converted) {
            changes.fact("convertedOpportunityId", converted.opportunityId())
                    .fact("accountId", converted.accountId())
                    .fact("amount", converted.amount())
                    .fact("currency", converted.currency())
                    .fact("closeDate", converted.closeDate());
        }
        return changes.list();
    }
}
