package io.pipeline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.IntegrationEventCodec;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every history of a year of a 100-rep org keeps the rules a real deal and lead keep. */
class SimulationInvariantsTest {

    static final Set<Class<?>> CLOSINGS = Set.of(OpportunityEvent.DealClosedWon.class,
            OpportunityEvent.DealClosedLost.class, OpportunityEvent.DealDeferred.class);
    static final Pattern AMOUNT_JSON = Pattern.compile("\"(amount|previousAmount)\":\"(\\d+\\.\\d{2})\"");

    static SimulationConfig config;
    static List<AggregateHistory> histories;

    @BeforeAll
    static void simulate() {
        config = SimulationConfig.defaults().withSeed(7)
                .withPeriod(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"))
                .withOrg(new SimulationConfig.OrgShape(3, 4, 8));
        histories = new Simulation(config).histories().toList();
    }

    @Test
    void eachAggregateHasOneHistoryInNonDecreasingBusinessTimeWithinThePeriod() {
        Set<String> seen = new HashSet<>();
        for (AggregateHistory history : histories) {
            assertThat(seen.add(history.aggregateId())).as("one history for %s", history.aggregateId()).isTrue();
            Instant previous = Instant.MIN;
            for (IntegrationEvent event : history.events()) {
                assertThat(event.subject()).isEqualTo(history.aggregateId());
                assertThat(event.occurredAt()).isAfterOrEqualTo(previous).isBefore(config.end())
                        .isAfterOrEqualTo(config.start());
                previous = event.occurredAt();
            }
        }
        assertThat(histories).hasSizeGreaterThan(5_000);
    }

    @Test
    void aHistoryStartsWithItsCreationSoSequencesRunFromZeroWithoutGaps() {
        for (AggregateHistory history : histories) {
            IntegrationEvent first = history.events().get(0);
            assertThat(first).isInstanceOfAny(LeadEvent.LeadCaptured.class, OpportunityEvent.OpportunityOpened.class);
            assertThat(history.events().stream().skip(1))
                    .noneMatch(e -> e instanceof LeadEvent.LeadCaptured || e instanceof OpportunityEvent.OpportunityOpened);
        }
    }

    @Test
    void nothingHappensToAClosedDealButAReopenAndAWonDealNeverReopens() {
        for (AggregateHistory history : deals()) {
            for (int i = 1; i < history.events().size(); i++) {
                IntegrationEvent before = history.events().get(i - 1);
                IntegrationEvent event = history.events().get(i);
                if (CLOSINGS.contains(before.getClass())) {
                    assertThat(event).as("after %s", before).isInstanceOf(OpportunityEvent.DealReopened.class);
                    assertThat(before).isNotInstanceOf(OpportunityEvent.DealClosedWon.class);
                }
                if (event instanceof OpportunityEvent.DealReopened) {
                    assertThat(CLOSINGS).contains(before.getClass());
                }
            }
        }
    }

    @Test
    void categoryStatusAndCloseDateMatchTheStage() {
        for (AggregateHistory history : deals()) {
            for (IntegrationEvent event : history.events()) {
                OpportunityEvent.Deal deal = ((OpportunityEvent) event).deal();
                SalesProcessModel process = SalesProcessModel.byId(deal.processId());
                assertThat(deal.forecastCategory()).as("%s", deal).isEqualTo(process.categoryOf(deal.stage()));
                String expectedStatus = switch (deal.stage()) {
                    case SalesProcessModel.CLOSED_WON -> "WON";
                    case SalesProcessModel.CLOSED_LOST -> "LOST";
                    case SalesProcessModel.CLOSED_DEFERRED -> "DEFERRED";
                    default -> "OPEN";
                };
                assertThat(deal.status()).isEqualTo(expectedStatus);
                assertThat(deal.processId()).isEqualTo(deal.segment().equals("SMB") ? "smb" : "enterprise");
                assertThat(deal.qualified()).isTrue();
                assertThat(deal.amount().scale()).isEqualTo(2);
                assertThat(deal.amount().signum()).isPositive();
                if (CLOSINGS.contains(event.getClass())) {
                    assertThat(deal.closeDate()).isEqualTo(LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC));
                }
            }
        }
    }

    @Test
    void stageMovesFollowTheProcess() {
        for (AggregateHistory history : deals()) {
            for (IntegrationEvent event : history.events()) {
                if (event instanceof OpportunityEvent.StageAdvanced advanced) {
                    SalesProcessModel process = SalesProcessModel.byId(advanced.deal().processId());
                    int from = process.indexOf(advanced.previousStage());
                    int to = process.indexOf(advanced.deal().stage());
                    assertThat(to).isGreaterThan(from);
                    if (!process.skippingAllowed()) {
                        assertThat(to).isEqualTo(from + 1);
                    }
                } else if (event instanceof OpportunityEvent.StageRegressed regressed) {
                    SalesProcessModel process = SalesProcessModel.byId(regressed.deal().processId());
                    assertThat(process.indexOf(regressed.deal().stage()))
                            .isLessThan(process.indexOf(regressed.previousStage()));
                }
            }
        }
    }

    @Test
    void aConvertedLeadOpensItsDealAtTheSameInstantWithTheIdLeadServiceGives() {
        Map<String, OpportunityEvent.OpportunityOpened> openings = new HashMap<>();
        deals().forEach(h -> openings.put(h.aggregateId(), (OpportunityEvent.OpportunityOpened) h.events().get(0)));
        int conversions = 0;
        for (AggregateHistory history : histories) {
            for (IntegrationEvent event : history.events()) {
                if (event instanceof LeadEvent.LeadConverted converted) {
                    conversions++;
                    assertThat(converted.opportunityId()).isEqualTo(LeadStory.opportunityIdFor(converted.lead().leadId()));
                    OpportunityEvent.OpportunityOpened opened = openings.get(converted.opportunityId());
                    assertThat(opened.leadId()).isEqualTo(converted.lead().leadId());
                    assertThat(opened.occurredAt()).isEqualTo(converted.occurredAt());
                    assertThat(opened.deal().amount()).isEqualTo(converted.amount());
                    assertThat(opened.deal().closeDate()).isEqualTo(converted.closeDate());
                    assertThat(opened.deal().ownerId()).isEqualTo(converted.lead().ownerId());
                    assertThat(opened.deal().type()).isEqualTo("NEW_BUSINESS");
                }
            }
        }
        assertThat(conversions).isGreaterThan(100);
    }

    @Test
    void amountsAreDecimalStringsWithTwoPlacesInTheJson() {
        IntegrationEventCodec codec = new IntegrationEventCodec();
        int amounts = 0;
        for (AggregateHistory history : deals().subList(0, 200)) {
            for (IntegrationEvent event : history.events()) {
                String json = new String(codec.write(event), StandardCharsets.UTF_8);
                assertThat(json).doesNotContainPattern("\"amount\":\\d").doesNotContain("E+");
                amounts += (int) AMOUNT_JSON.matcher(json).results().count();
            }
        }
        assertThat(amounts).isGreaterThan(200);
    }

    @Test
    void theBusinessTimeOrderHoldsEveryEventOnceInTimeOrder() {
        long total = histories.stream().mapToLong(h -> h.events().size()).sum();
        Iterator<Simulation.SequencedEvent> ordered = new Simulation(config).inBusinessTimeOrder();
        Map<String, Long> nextSequence = new HashMap<>();
        Instant previous = Instant.MIN;
        long count = 0;
        while (ordered.hasNext()) {
            Simulation.SequencedEvent next = ordered.next();
            assertThat(next.event().occurredAt()).isAfterOrEqualTo(previous);
            assertThat(next.sequence()).isEqualTo(nextSequence.getOrDefault(next.event().subject(), 0L));
            nextSequence.put(next.event().subject(), next.sequence() + 1);
            previous = next.event().occurredAt();
            count++;
        }
        assertThat(count).isEqualTo(total);
    }

    private static List<AggregateHistory> deals() {
        return histories.stream().filter(h -> h.events().get(0) instanceof OpportunityEvent).toList();
    }
}
