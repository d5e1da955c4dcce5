package io.pipeline.opportunity.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.opportunity.api.AdvanceStage;
import io.pipeline.opportunity.api.ChangeAmount;
import io.pipeline.opportunity.api.ChangeCloseDate;
import io.pipeline.opportunity.api.CloseLost;
import io.pipeline.opportunity.api.CloseWon;
import io.pipeline.opportunity.api.Deal;
import io.pipeline.opportunity.api.DealAtVersion;
import io.pipeline.opportunity.api.DealChanged;
import io.pipeline.opportunity.api.DealReopened;
import io.pipeline.opportunity.api.DealStatus;
import io.pipeline.opportunity.api.DeferDeal;
import io.pipeline.opportunity.api.OpenOpportunity;
import io.pipeline.opportunity.api.OpportunityOpened;
import io.pipeline.opportunity.api.OverrideForecastCategory;
import io.pipeline.opportunity.api.ReassignOwner;
import io.pipeline.opportunity.api.RegressStage;
import io.pipeline.opportunity.api.ReopenDeal;
import io.pipeline.opportunity.process.ForecastCategory;
import io.pipeline.opportunity.process.SalesProcess;
import io.pipeline.opportunity.process.SalesProcessCatalog;
import io.pipeline.opportunity.process.Stage;
import io.pipeline.platform.problem.IllegalTransitionException;
import io.pipeline.platform.problem.InvalidFieldException;
import io.pipeline.platform.problem.StaleVersionException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of valid and invalid commands against real Axon (in memory) never break an invariant of the
 * stored history: a refused command stores nothing, and every stored deal is one the rules allow.
 */
class RandomCommandSequencesTest {

    static final int SEQUENCES = 120;
    static final int COMMANDS_PER_SEQUENCE = 40;
    static final List<String> STAGE_NAMES = List.of("Qualified", "Business case", "Evaluation", "Shortlisted",
            "Selected", "Redlining contract", "Closed won", "Nowhere");
    static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");

    Configuration axon;
    CommandGateway commands;
    SalesProcessCatalog processes = InMemorySalesProcesses.shipped();

    @BeforeEach
    void axon() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Opportunity.class)
                .registerComponent(SalesProcessCatalog.class, c -> processes)
                .buildConfiguration();
        axon.start();
        commands = axon.commandGateway();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void randomCommandSequencesNeverBreakAnInvariant() {
        long firstSeed = System.nanoTime();
        for (int n = 0; n < SEQUENCES; n++) {
            long seed = firstSeed + n;
            runSequence("deal-" + seed, new Random(seed), seed);
        }
    }

    private void runSequence(String id, Random random, long seed) {
        SalesProcess process = random.nextBoolean() ? SalesProcess.ENTERPRISE : SalesProcess.SMB;
        Stage first = process.firstStage();
        commands.sendAndWait(new OpenOpportunity(id, "acc", "deal", "rep-1", "team-1", "emea", "ENTERPRISE",
                "NEW_BUSINESS", process.id(), process.version(), new BigDecimal("100.00"), "USD",
                LocalDate.parse("2026-06-30"), first.name(), first.category().name(), true, null, AT, "rep-1"));
        for (int i = 0; i < COMMANDS_PER_SEQUENCE; i++) {
            List<DomainEventMessage<?>> before = history(id);
            Object command = randomCommand(id, random, before.size() - 1L);
            String context = "seed " + seed + ", command " + i + ": " + command;
            try {
                DealAtVersion answer = commands.sendAndWait(command);
                List<DomainEventMessage<?>> after = history(id);
                assertThat(after.size()).as(context).isBetween(before.size(), before.size() + 1);
                assertThat(answer.deal()).as(context).isEqualTo(dealOf(after.get(after.size() - 1)));
                assertThat(answer.version()).as(context).isEqualTo(after.size() - 1L);
            } catch (IllegalTransitionException | InvalidFieldException | StaleVersionException refused) {
                assertThat(history(id)).as(context + " was refused but stored something").hasSize(before.size());
            }
        }
        checkHistory(process, history(id), "seed " + seed);
    }

    private Object randomCommand(String id, Random random, long version) {
        Long expected = switch (random.nextInt(4)) {
            case 0 -> version;
            case 1 -> version - 1;
            default -> null;
        };
        String stage = STAGE_NAMES.get(random.nextInt(STAGE_NAMES.size()));
        LocalDate date = LocalDate.parse("2026-01-01").plusDays(random.nextInt(365));
        ForecastCategory category = ForecastCategory.values()[random.nextInt(ForecastCategory.values().length)];
        List<Function<Random, Object>> kinds = List.of(
                r -> new AdvanceStage(id, stage, expected, AT, "rep"),
                r -> new RegressStage(id, stage, expected, AT, "rep"),
                r -> new ChangeCloseDate(id, date, expected, AT, "rep"),
                r -> new ChangeAmount(id, BigDecimal.valueOf(r.nextInt(2000) - 100, 2), r.nextBoolean() ? "EUR" : null,
                        expected, AT, "rep"),
                r -> new ReassignOwner(id, "rep-" + r.nextInt(3), null, r.nextBoolean() ? "apac" : null, expected, AT, "rep"),
                r -> new OverrideForecastCategory(id, category.name(), null, expected, AT, "rep"),
                r -> new CloseWon(id, date, expected, AT, "rep"),
                r -> new CloseLost(id, List.of("COMPETITION", "NO_DECISION", "UNKNOWN", "BORED").get(r.nextInt(4)),
                        r.nextBoolean() ? "Globex" : null, date, expected, AT, "rep"),
                r -> new DeferDeal(id, null, date, expected, AT, "rep"),
                r -> new ReopenDeal(id, r.nextBoolean() ? stage : null, r.nextBoolean() ? date : null, expected, AT, "rep"));
        return kinds.get(random.nextInt(kinds.size())).apply(random);
    }

    private void checkHistory(SalesProcess process, List<DomainEventMessage<?>> history, String context) {
        Deal previous = null;
        for (int i = 0; i < history.size(); i++) {
            DomainEventMessage<?> event = history.get(i);
            Deal deal = dealOf(event);
            String at = context + ", event " + i + " " + event.getPayloadType().getSimpleName() + ": " + deal;
            assertThat(event.getSequenceNumber()).as(at).isEqualTo(i);
            assertThat(deal.amount().signum()).as(at).isNotNegative();
            if (previous != null) {
                assertThat(previous.dealStatus()).as(at + " after a won deal").isNotEqualTo(DealStatus.WON);
                if (previous.dealStatus() != DealStatus.OPEN) {
                    assertThat(event.getPayload()).as(at + " after a closed deal").isInstanceOf(DealReopened.class);
                }
                assertThat(deal.qualified() || !previous.qualified()).as(at + " lost its qualification").isTrue();
            }
            switch (deal.dealStatus()) {
                case OPEN -> {
                    Stage stage = process.requireStage("stage", deal.stage());
                    ForecastCategory category = ForecastCategory.valueOf(deal.forecastCategory());
                    assertThat(category == stage.category() || stage.category().overridesAllowed().contains(category))
                            .as(at + " has a category its stage does not allow").isTrue();
                }
                case WON -> assertThat(List.of(deal.stage(), deal.forecastCategory())).as(at)
                        .containsExactly(Stage.CLOSED_WON.name(), "CLOSED");
                case LOST -> assertThat(List.of(deal.stage(), deal.forecastCategory())).as(at)
                        .containsExactly(Stage.CLOSED_LOST.name(), "OMITTED");
                case DEFERRED -> assertThat(List.of(deal.stage(), deal.forecastCategory())).as(at)
                        .containsExactly(Stage.CLOSED_DEFERRED.name(), "OMITTED");
            }
            previous = deal;
        }
    }

    private static Deal dealOf(DomainEventMessage<?> event) {
        return event.getPayload() instanceof OpportunityOpened opened ? Deal.opened(opened)
                : ((DealChanged) event.getPayload()).deal();
    }

    private List<DomainEventMessage<?>> history(String id) {
        return axon.eventStore().readEvents(id).asStream().<DomainEventMessage<?>>map(e -> e).toList();
    }
}
