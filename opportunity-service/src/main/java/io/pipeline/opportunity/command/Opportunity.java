package io.pipeline.opportunity.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.pipeline.opportunity.api.AdvanceStage;
import io.pipeline.opportunity.api.AmountChanged;
import io.pipeline.opportunity.api.ChangeAmount;
import io.pipeline.opportunity.api.ChangeCloseDate;
import io.pipeline.opportunity.api.CloseDateChanged;
import io.pipeline.opportunity.api.CloseLost;
import io.pipeline.opportunity.api.CloseWon;
import io.pipeline.opportunity.api.Deal;
import io.pipeline.opportunity.api.DealAtVersion;
import io.pipeline.opportunity.api.DealChanged;
import io.pipeline.opportunity.api.DealClosedLost;
import io.pipeline.opportunity.api.DealClosedWon;
import io.pipeline.opportunity.api.DealCommand;
import io.pipeline.opportunity.api.DealDeferred;
import io.pipeline.opportunity.api.DealReopened;
import io.pipeline.opportunity.api.DealStatus;
import io.pipeline.opportunity.api.DeferDeal;
import io.pipeline.opportunity.api.ForecastCategoryOverridden;
import io.pipeline.opportunity.api.LossReason;
import io.pipeline.opportunity.api.OpenOpportunity;
import io.pipeline.opportunity.api.RepeatOpen;
import io.pipeline.opportunity.api.OpportunityOpened;
import io.pipeline.opportunity.api.OverrideForecastCategory;
import io.pipeline.opportunity.api.OwnerReassigned;
import io.pipeline.opportunity.api.ReassignOwner;
import io.pipeline.opportunity.api.RegressStage;
import io.pipeline.opportunity.api.ReopenDeal;
import io.pipeline.opportunity.api.StageAdvanced;
import io.pipeline.opportunity.api.StageRegressed;
import io.pipeline.opportunity.process.ForecastCategory;
import io.pipeline.opportunity.process.SalesProcess;
import io.pipeline.opportunity.process.SalesProcessCatalog;
import io.pipeline.opportunity.process.Stage;
import io.pipeline.platform.problem.IllegalTransitionException;
import io.pipeline.platform.problem.InvalidFieldException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import io.pipeline.eventsourcing.command.ExpectedVersion;
import io.pipeline.eventsourcing.security.CommandCaller;
import io.pipeline.eventsourcing.store.PostgresEventStoreAutoConfiguration;
import io.pipeline.platform.security.Ownership;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A deal. Holds only what its decisions need: the deal as it stands (every event carries it whole), the stage it
 * was closed from (to reopen there) and why it was lost (to tell a retry from a different request).
 *
 * <p>A command that asks for what already holds (the stage it is at, the amount it has, a close of the same kind)
 * records nothing and succeeds, so clients may retry. Otherwise the version the client saw is checked, then the
 * state: a WON deal allows nothing, a LOST or DEFERRED one only a reopen.
 */
@Aggregate(cache = PostgresEventStoreAutoConfiguration.AGGREGATE_CACHE)
public class Opportunity {

    @AggregateIdentifier
    private String opportunityId;
    private Deal deal;
    private String stageBeforeClose;
    private String lossReason;

    protected Opportunity() {
        // for Axon
    }

    /**
     * A caller over HTTP may change the deal (its owner, their manager, an admin): 404 for a deal they may not see,
     * 403 for one they only read, before anything else (the version, the state) is revealed. Opening an id that
     * exists is a retry of one's own open only: someone else's id is refused like any change.
     */
    @CommandHandlerInterceptor
    void requireCallerMayChange(CommandMessage<?> command) {
        if (opportunityId != null) {
            CommandCaller.requireChangeable(command, new Ownership(deal.ownerId(), deal.teamId(), deal.regionId()),
                    "opportunity", opportunityId);
        }
    }

    /**
     * Always a new deal: the id is checked by the event store's unique sequence number, not by reading the stream
     * first. {@code Creations.createOrRepeat} turns a taken id into a {@link RepeatOpen}.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public DealAtVersion handle(OpenOpportunity command) {
        apply(new OpportunityOpened(command.opportunityId(), command.accountId(), command.name(),
                command.ownerId(), command.teamId(), command.regionId(), command.segment(), command.type(),
                command.processId(), command.processVersion(), command.amount(), command.currency(),
                command.closeDate(), command.stage(), command.forecastCategory(), command.qualified(),
                command.leadId(), command.occurredAt(), command.actor()));
        return current();
    }

    /** Opening the same id twice is harmless: the second open records nothing and answers the deal as it is. */
    @CommandHandler
    public DealAtVersion handle(RepeatOpen command) {
        return current();
    }

    @CommandHandler
    public DealAtVersion handle(AdvanceStage command, SalesProcessCatalog processes) {
        SalesProcess process = processOf(processes);
        Stage target = process.requireStage("stage", command.stage());
        if (isOpenAt(target)) {
            return current();
        }
        requireChangeable(command, "advance to " + target.name(), process);
        if (!process.advancesFrom(deal.stage()).contains(target)) {
            throw refusal("advance to " + target.name(), process);
        }
        apply(new StageAdvanced(deal.with(d -> d.stage(target.name(), target.category().name(),
                process.isQualifiedAt(target.name()))), deal.stage(), deal.forecastCategory(), command.occurredAt(),
                command.actor()));
        return current();
    }

    @CommandHandler
    public DealAtVersion handle(RegressStage command, SalesProcessCatalog processes) {
        SalesProcess process = processOf(processes);
        Stage target = process.requireStage("stage", command.stage());
        if (isOpenAt(target)) {
            return current();
        }
        requireChangeable(command, "move back to " + target.name(), process);
        if (!process.regressionsFrom(deal.stage()).contains(target)) {
            throw refusal("move back to " + target.name(), process);
        }
        apply(new StageRegressed(deal.with(d -> d.stage(target.name(), target.category().name(), false)), deal.stage(),
                deal.forecastCategory(), command.occurredAt(), command.actor()));
        return current();
    }

    @CommandHandler
    public DealAtVersion handle(ChangeCloseDate command, SalesProcessCatalog processes) {
        if (isOpen() && deal.closeDate().equals(command.closeDate())) {
            return current();
        }
        requireChangeable(command, "change the close date of", processOf(processes));
        apply(new CloseDateChanged(deal.with(d -> d.closeDate(command.closeDate())), deal.closeDate(), command.occurredAt(),
                command.actor()));
        return current();
    }

    @CommandHandler
    public DealAtVersion handle(ChangeAmount command, SalesProcessCatalog processes) {
        if (command.amount().signum() < 0) {
            throw new InvalidFieldException("amount", "must not be negative");
        }
        String currency = command.currency() == null ? deal.currency() : command.currency();
        if (isOpen() && deal.amount().compareTo(command.amount()) == 0 && deal.currency().equals(currency)) {
            return current();
        }
        requireChangeable(command, "change the amount of", processOf(processes));
        apply(new AmountChanged(deal.with(d -> d.amount(command.amount(), currency)), deal.amount(), deal.currency(),
                command.occurredAt(), command.actor()));
        return current();
    }

    @CommandHandler
    public DealAtVersion handle(ReassignOwner command, SalesProcessCatalog processes) {
        String team = Objects.requireNonNullElse(command.teamId(), deal.teamId());
        String region = Objects.requireNonNullElse(command.regionId(), deal.regionId());
        if (isOpen() && deal.ownerId().equals(command.ownerId()) && deal.teamId().equals(team)
                && deal.regionId().equals(region)) {
            return current();
        }
        requireChangeable(command, "reassign", processOf(processes));
        apply(new OwnerReassigned(deal.with(d -> d.owner(command.ownerId(), team, region)), deal.ownerId(), deal.teamId(),
                deal.regionId(), command.occurredAt(), command.actor()));
        return current();
    }

    @CommandHandler
    public DealAtVersion handle(OverrideForecastCategory command, SalesProcessCatalog processes) {
        ForecastCategory target = parse(ForecastCategory.class, "forecastCategory", command.forecastCategory());
        if (isOpen() && deal.forecastCategory().equals(target.name())) {
            return current();
        }
        SalesProcess process = processOf(processes);
        requireChangeable(command, "override the forecast category to " + target + " of", process);
        if (!stageCategory(process).overridesAllowed().contains(target)) {
            throw refusal("override the forecast category to " + target + " of", process);
        }
        apply(new ForecastCategoryOverridden(deal.with(d -> d.forecastCategory(target.name())), deal.forecastCategory(),
                command.reason(), command.occurredAt(), command.actor()));
        return current();
    }

    @CommandHandler
    public DealAtVersion handle(CloseWon command, SalesProcessCatalog processes) {
        if (deal.dealStatus() == DealStatus.WON) {
            return current();
        }
        requireChangeable(command, "close won", processOf(processes));
        apply(new DealClosedWon(closed(Stage.CLOSED_WON, DealStatus.WON, command.closeDate()), deal.stage(),
                deal.forecastCategory(), command.occurredAt(), command.actor()));
        return current();
    }

    @CommandHandler
    public DealAtVersion handle(CloseLost command, SalesProcessCatalog processes) {
        LossReason reason = parse(LossReason.class, "reason", command.reason());
        boolean toCompetition = reason == LossReason.COMPETITION;
        if (toCompetition && (command.competitor() == null || command.competitor().isBlank())) {
            throw new InvalidFieldException("competitor", "names the competitor that won; required with COMPETITION");
        }
        if (deal.dealStatus() == DealStatus.LOST && reason.name().equals(lossReason)) {
            return current();
        }
        requireChangeable(command, "close lost", processOf(processes));
        apply(new DealClosedLost(closed(Stage.CLOSED_LOST, DealStatus.LOST, command.closeDate()), reason.name(),
                toCompetition ? command.competitor() : null, deal.stage(), deal.forecastCategory(),
                command.occurredAt(), command.actor()));
        return current();
    }

    @CommandHandler
    public DealAtVersion handle(DeferDeal command, SalesProcessCatalog processes) {
        if (deal.dealStatus() == DealStatus.DEFERRED) {
            return current();
        }
        requireChangeable(command, "defer", processOf(processes));
        apply(new DealDeferred(closed(Stage.CLOSED_DEFERRED, DealStatus.DEFERRED, command.closeDate()), deal.stage(),
                deal.forecastCategory(), command.reason(), command.occurredAt(), command.actor()));
        return current();
    }

    @CommandHandler
    public DealAtVersion handle(ReopenDeal command, SalesProcessCatalog processes) {
        if (isOpen()) {
            return current();
        }
        SalesProcess process = processOf(processes);
        checkVersion(command);
        if (deal.dealStatus() == DealStatus.WON) {
            throw refusal("reopen", process);
        }
        Stage stage = process.requireStage("stage", command.stage() == null ? stageBeforeClose : command.stage());
        Deal reopened = deal.with(d -> {
            d.status(DealStatus.OPEN).stage(stage.name(), stage.category().name(), process.isQualifiedAt(stage.name()));
            if (command.closeDate() != null) {
                d.closeDate(command.closeDate());
            }
        });
        apply(new DealReopened(reopened, deal.status(), command.occurredAt(), command.actor()));
        return current();
    }

    private Deal closed(Stage closingStage, DealStatus status, java.time.LocalDate closeDate) {
        return deal.with(d -> d.status(status).stage(closingStage.name(), closingStage.category().name(), false)
                .closeDate(closeDate));
    }

    private boolean isOpen() {
        return deal.dealStatus() == DealStatus.OPEN;
    }

    private boolean isOpenAt(Stage stage) {
        return isOpen() && deal.stage().equals(stage.name());
    }

    private SalesProcess processOf(SalesProcessCatalog processes) {
        return processes.requireVersion(deal.processId(), deal.processVersion());
    }

    private ForecastCategory stageCategory(SalesProcess process) {
        return process.requireStage("stage", deal.stage()).category();
    }

    /** A stale version is refused before the state: the client must read again before anything else matters. */
    private void requireChangeable(DealCommand command, String attempted, SalesProcess process) {
        checkVersion(command);
        if (!isOpen()) {
            throw refusal(attempted, process);
        }
    }

    private void checkVersion(DealCommand command) {
        ExpectedVersion.require(command.expectedVersion(), "opportunity " + opportunityId);
    }

    private IllegalTransitionException refusal(String attempted, SalesProcess process) {
        return new IllegalTransitionException("opportunity " + opportunityId, attempted,
                deal.status() + " at " + deal.stage(), allowedTransitions(process));
    }

    /** Everything the deal allows from where it stands, in the words of the refusal. */
    List<String> allowedTransitions(SalesProcess process) {
        List<String> allowed = new ArrayList<>();
        switch (deal.dealStatus()) {
            case OPEN -> {
                process.advancesFrom(deal.stage()).forEach(s -> allowed.add("advance to " + s.name()));
                process.regressionsFrom(deal.stage()).forEach(s -> allowed.add("move back to " + s.name()));
                stageCategory(process).overridesAllowed().stream()
                        .filter(c -> !c.name().equals(deal.forecastCategory()))
                        .forEach(c -> allowed.add("override the forecast category to " + c));
                allowed.addAll(List.of("change the close date", "change the amount", "reassign", "close won",
                        "close lost", "defer"));
            }
            case LOST, DEFERRED -> allowed.add("reopen");
            case WON -> {
                // final: a won deal is history
            }
        }
        return allowed;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, Objects.requireNonNull(value, "missing"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidFieldException(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private DealAtVersion current() {
        return new DealAtVersion(deal, AggregateLifecycle.getVersion());
    }

    @EventSourcingHandler
    void on(OpportunityOpened event) {
        this.opportunityId = event.opportunityId();
        this.deal = Deal.opened(event);
    }

    @EventSourcingHandler
    void on(DealChanged event) {
        this.deal = event.deal();
    }

    @EventSourcingHandler
    void on(DealClosedLost event) {
        this.deal = event.deal();
        this.stageBeforeClose = event.previousStage();
        this.lossReason = event.reason();
    }

    @EventSourcingHandler
    void on(DealDeferred event) {
        this.deal = event.deal();
        this.stageBeforeClose = event.previousStage();
        this.lossReason = null;
    }
}
