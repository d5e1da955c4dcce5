package io.pipeline.lead.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.pipeline.lead.api.AcceptLead;
import io.pipeline.lead.api.CaptureLead;
import io.pipeline.lead.api.RepeatCapture;
import io.pipeline.lead.api.Conversions;
import io.pipeline.lead.api.ConvertLead;
import io.pipeline.lead.api.DisqualifyLead;
import io.pipeline.lead.api.LeadAccepted;
import io.pipeline.lead.api.LeadCommand;
import io.pipeline.lead.api.LeadCaptured;
import io.pipeline.lead.api.LeadConverted;
import io.pipeline.lead.api.LeadDisqualified;
import io.pipeline.lead.api.LeadLifecycleEvent;
import io.pipeline.lead.api.LeadMarketingQualified;
import io.pipeline.lead.api.LeadNurtured;
import io.pipeline.lead.api.LeadProfile;
import io.pipeline.lead.api.LeadQualified;
import io.pipeline.lead.api.LeadRecycled;
import io.pipeline.lead.api.LeadRejected;
import io.pipeline.lead.api.LeadState;
import io.pipeline.lead.api.LeadStatus;
import io.pipeline.lead.api.LeadTransition;
import io.pipeline.lead.api.MarkLeadMarketingQualified;
import io.pipeline.lead.api.NurtureLead;
import io.pipeline.lead.api.QualificationFramework;
import io.pipeline.lead.api.QualifyLead;
import io.pipeline.lead.api.RecycleLead;
import io.pipeline.lead.api.RejectLead;
import io.pipeline.platform.problem.IllegalTransitionException;
import io.pipeline.platform.problem.InvalidFieldException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import io.pipeline.eventsourcing.command.ExpectedVersion;
import io.pipeline.eventsourcing.security.CommandCaller;
import io.pipeline.eventsourcing.store.PostgresEventStoreAutoConfiguration;
import io.pipeline.platform.security.Ownership;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A lead, from capture to conversion. Its invariants:
 * <ul>
 *   <li>it moves only along {@link LeadTransition}: anything else is refused with the current state and the
 *       allowed transitions, and records nothing;</li>
 *   <li>CONVERTED is terminal, and only an accepted lead (SAL) converts;</li>
 *   <li>a command whose effect the lead already shows (the state it leads to, with the same AE or account where
 *       that matters) records nothing and answers the current state: a retry is harmless;</li>
 *   <li>events happen in business-time order: a change dated before the lead's last change is refused.</li>
 * </ul>
 * It holds only what those decisions need, plus the profile every event carries for the figures.
 */
@Aggregate(cache = PostgresEventStoreAutoConfiguration.AGGREGATE_CACHE)
public class Lead {

    @AggregateIdentifier
    private String leadId;
    private LeadState state;
    private LeadProfile profile;
    private Instant lastChangeAt;
    private String convertedToAccountId;

    protected Lead() {
        // for Axon
    }

    /**
     * A caller over HTTP may change the lead (its owner, their manager, an admin): 404 for a lead they may not see,
     * 403 for one they only read, before anything else (the version, the state) is revealed. Capturing an id that
     * exists is a retry of one's own capture only: someone else's id is refused like any change.
     */
    @CommandHandlerInterceptor
    void requireCallerMayChange(CommandMessage<?> command) {
        if (leadId != null) {
            CommandCaller.requireChangeable(command,
                    new Ownership(profile.ownerId(), profile.teamId(), profile.regionId()), "lead", leadId);
        }
    }

    /**
     * Always a new lead: the id is checked by the event store's unique sequence number, not by reading the stream
     * first. {@code Creations.createOrRepeat} turns a taken id into a {@link RepeatCapture}.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public LeadStatus handle(CaptureLead command) {
        apply(new LeadCaptured(command.leadId(), command.profile(), command.personName(), command.email(),
                command.jobTitle(), command.score(), command.occurredAt(), command.actor()));
        return status(true);
    }

    /** Capturing the same id twice is harmless: the second capture records nothing and answers the lead as it is. */
    @CommandHandler
    public LeadStatus handle(RepeatCapture command) {
        return status(false);
    }

    @CommandHandler
    public LeadStatus handle(NurtureLead command) {
        return transition(LeadTransition.NURTURE, true, command,
                () -> new LeadNurtured(leadId, profile, state, command.occurredAt(), command.actor()));
    }

    @CommandHandler
    public LeadStatus handle(MarkLeadMarketingQualified command) {
        return transition(LeadTransition.MARK_MQL, true, command,
                () -> new LeadMarketingQualified(leadId, profile, command.score(), command.occurredAt(),
                        command.actor()));
    }

    @CommandHandler
    public LeadStatus handle(QualifyLead command) {
        return transition(LeadTransition.QUALIFY, true, command, () -> new LeadQualified(leadId, profile,
                command.framework(), evidence(command.framework(), command.answers()), command.occurredAt(),
                command.actor()));
    }

    @CommandHandler
    public LeadStatus handle(AcceptLead command) {
        return transition(LeadTransition.ACCEPT, command.aeId().equals(profile.ownerId()), command,
                () -> new LeadAccepted(leadId, profile.ownedBy(command.aeId(), command.teamId(), command.regionId()),
                        command.aeId(), command.occurredAt(), command.actor()));
    }

    @CommandHandler
    public LeadStatus handle(RejectLead command) {
        return transition(LeadTransition.REJECT, true, command,
                () -> new LeadRejected(leadId, profile, state, command.reason(), command.occurredAt(), command.actor()));
    }

    @CommandHandler
    public LeadStatus handle(DisqualifyLead command) {
        return transition(LeadTransition.DISQUALIFY, true, command,
                () -> new LeadDisqualified(leadId, profile, state, command.reason(), command.occurredAt(),
                        command.actor()));
    }

    @CommandHandler
    public LeadStatus handle(RecycleLead command) {
        return transition(LeadTransition.RECYCLE, true, command,
                () -> new LeadRecycled(leadId, profile, state, command.occurredAt(), command.actor()));
    }

    @CommandHandler
    public LeadStatus handle(ConvertLead command) {
        return transition(LeadTransition.CONVERT, command.accountId().equals(convertedToAccountId), command,
                () -> new LeadConverted(leadId, profile, Conversions.opportunityIdFor(leadId),
                        command.accountId(), command.accountName(), command.opportunityName(), command.amount(),
                        command.currency(), command.closeDate(), command.occurredAt(), command.actor()));
    }

    /**
     * @param sameOutcome whether, should the lead already be in the transition's target state, it got there the
     *                    way this command asks (same AE, same account): then the command is a repeat, answered
     *                    as it stands whatever version the client saw; otherwise a stale version is refused before
     *                    the state is judged ({@link ExpectedVersion})
     */
    private LeadStatus transition(LeadTransition transition, boolean sameOutcome, LeadCommand command,
                                  Supplier<LeadLifecycleEvent> event) {
        if (state == transition.target() && sameOutcome) {
            return status(false);
        }
        ExpectedVersion.require(command.expectedVersion(), "lead " + leadId);
        Instant occurredAt = command.occurredAt();
        if (!transition.startsFrom(state)) {
            throw new IllegalTransitionException("lead " + leadId, transition.action(), state.name(),
                    LeadTransition.allowedFrom(state));
        }
        if (occurredAt.isBefore(lastChangeAt)) {
            throw new InvalidFieldException("occurredAt", "is before the lead's last change at " + lastChangeAt
                    + "; a lead's history happens in order");
        }
        apply(event.get());
        return status(true);
    }

    /** The answers of the framework's questions only, each required: evidence, not a questionnaire dump. */
    private static Map<String, String> evidence(QualificationFramework framework, Map<String, String> answers) {
        Map<String, String> evidence = new LinkedHashMap<>();
        for (String question : framework.questions()) {
            String answer = answers == null ? null : answers.get(question);
            if (answer == null || answer.isBlank()) {
                throw new InvalidFieldException(framework.name().toLowerCase() + "." + question,
                        "is required to qualify with " + framework);
            }
            evidence.put(question, answer);
        }
        return evidence;
    }

    private LeadStatus status(boolean changed) {
        return new LeadStatus(leadId, state, Objects.requireNonNull(AggregateLifecycle.getVersion()), changed);
    }

    @EventSourcingHandler
    void on(LeadLifecycleEvent event) {
        leadId = event.leadId();
        state = event.state();
        profile = event.profile();
        lastChangeAt = event.occurredAt();
        if (event instanceof LeadConverted converted) {
            convertedToAccountId = converted.accountId();
        }
    }
}
