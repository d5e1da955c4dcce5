package io.pipeline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiCallTest {

    static final List<IntegrationEvent> EVENTS = new Simulation(SimulationConfig.defaults()
            .withPeriod(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-10-01T00:00:00Z"))
            .withOrg(new SimulationConfig.OrgShape(1, 2, 5))).events().toList();

    @Test
    void everySimulatedEventHasARequestExceptTheOpeningOfAConvertedLeadsDeal() {
        for (IntegrationEvent event : EVENTS) {
            Optional<ApiCall> call = ApiCall.of(event);
            boolean openedByTheService = event instanceof OpportunityEvent.OpportunityOpened opened
                    && opened.leadId() != null;
            assertThat(call.isEmpty()).as("%s", event).isEqualTo(openedByTheService);
            call.ifPresent(c -> assertThat(c.body()).containsEntry("occurredAt", event.occurredAt().toString()));
        }
    }

    @Test
    void aCapturedLeadIsPostedWithTheFieldsLeadServiceRequires() {
        LeadEvent.LeadCaptured captured = first(LeadEvent.LeadCaptured.class);
        ApiCall call = ApiCall.of(captured).orElseThrow();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/api/leads");
        assertThat(call.body()).containsKeys("leadId", "personName", "email", "company", "source", "ownerId",
                "teamId", "regionId", "segment");
        assertThat((String) call.body().get("email")).matches("[a-z0-9.-]+@example\\.com");
    }

    @Test
    void aQualificationSendsTheAnswersOfItsFramework() {
        LeadEvent.LeadQualified qualified = first(LeadEvent.LeadQualified.class);
        ApiCall call = ApiCall.of(qualified).orElseThrow();
        assertThat(call.path()).endsWith("/qualify");
        assertThat(call.body()).containsKey(qualified.framework().toLowerCase());
        assertThat((Map<?, ?>) call.body().get(qualified.framework().toLowerCase())).isNotEmpty();
    }

    @Test
    void aLossToCompetitionNamesTheCompetitorAndTheCloseDate() {
        OpportunityEvent.DealClosedLost lost = EVENTS.stream().filter(OpportunityEvent.DealClosedLost.class::isInstance)
                .map(OpportunityEvent.DealClosedLost.class::cast).filter(l -> l.competitor() != null)
                .findFirst().orElseThrow();
        ApiCall call = ApiCall.of(lost).orElseThrow();
        assertThat(call.path()).isEqualTo("/api/opportunities/" + lost.deal().opportunityId() + "/close-lost");
        assertThat(call.body()).containsEntry("reason", "COMPETITION").containsEntry("competitor", lost.competitor())
                .containsEntry("closeDate", lost.deal().closeDate().toString());
    }

    @Test
    void aDirectlyOpenedDealIsPostedWithItsAmountAsADecimalString() {
        OpportunityEvent.OpportunityOpened opened = EVENTS.stream()
                .filter(OpportunityEvent.OpportunityOpened.class::isInstance)
                .map(OpportunityEvent.OpportunityOpened.class::cast).filter(o -> o.leadId() == null)
                .findFirst().orElseThrow();
        ApiCall call = ApiCall.of(opened).orElseThrow();
        assertThat(call.body()).containsEntry("amount", opened.deal().amount().toPlainString())
                .containsEntry("type", opened.deal().type()).containsEntry("stage", "Qualified");
    }

    private static <T> T first(Class<T> type) {
        return EVENTS.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
