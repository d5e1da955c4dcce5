package io.pipeline.lead.command;

import static io.pipeline.lead.command.LeadHistories.ACCEPTED_PROFILE;
import static io.pipeline.lead.command.LeadHistories.BANT;
import static io.pipeline.lead.command.LeadHistories.LEAD;
import static io.pipeline.lead.command.LeadHistories.PROFILE;
import static io.pipeline.lead.command.LeadHistories.at;
import static io.pipeline.lead.command.LeadHistories.captured;
import static io.pipeline.lead.command.LeadHistories.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

import io.pipeline.lead.api.AcceptLead;
import io.pipeline.lead.api.CaptureLead;
import io.pipeline.lead.api.RepeatCapture;
import io.pipeline.lead.api.Conversions;
import io.pipeline.lead.api.ConvertLead;
import io.pipeline.lead.api.DisqualifyLead;
import io.pipeline.lead.api.LeadAccepted;
import io.pipeline.lead.api.LeadDisqualified;
import io.pipeline.lead.api.LeadMarketingQualified;
import io.pipeline.lead.api.LeadNurtured;
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
import io.pipeline.platform.problem.StaleVersionException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class LeadTest {

    private FixtureConfiguration<Lead> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Lead.class);
    }

    @Test
    void capturingANewLeadRecordsItWithItsProfile() {
        fixture.givenNoPriorActivity()
                .when(new CaptureLead(LEAD, PROFILE, "Ada Lovelace", "ada@acme.test", "CTO", 40, at(0), "marketing"))
                .expectEvents(captured())
                .expectResultMessagePayload(new LeadStatus(LEAD, LeadState.CAPTURED, 0, true));
    }

    @Test
    void capturingTheSameLeadAgainRecordsNothing() {
        fixture.given(captured())
                .when(new RepeatCapture(LEAD))
                .expectNoEvents()
                .expectResultMessagePayload(new LeadStatus(LEAD, LeadState.CAPTURED, 0, false));
    }

    @Test
    void nurturingACapturedLeadRecordsWhereItCameFrom() {
        fixture.given(captured())
                .when(new NurtureLead(LEAD, null, at(1), "marketing"))
                .expectEvents(new LeadNurtured(LEAD, PROFILE, LeadState.CAPTURED, at(1), "marketing"))
                .expectResultMessagePayload(new LeadStatus(LEAD, LeadState.NURTURING, 1, true));
    }

    @Test
    void anMqlThatIsNotReadyGoesBackToNurturing() {
        fixture.given(to(LeadState.MQL))
                .when(new NurtureLead(LEAD, null, at(9), "marketing"))
                .expectEvents(new LeadNurtured(LEAD, PROFILE, LeadState.MQL, at(9), "marketing"));
    }

    @Test
    void markingANurturedLeadMarketingQualifiedKeepsItsScore() {
        fixture.given(to(LeadState.NURTURING))
                .when(new MarkLeadMarketingQualified(LEAD, null, 85, at(9), "marketing"))
                .expectEvents(new LeadMarketingQualified(LEAD, PROFILE, 85, at(9), "marketing"));
    }

    @Test
    void qualifyingAnMqlRecordsTheBantAnswersAsEvidence() {
        fixture.given(to(LeadState.MQL))
                .when(new QualifyLead(LEAD, null, QualificationFramework.BANT, BANT, at(9), "sdr-1"))
                .expectEvents(new LeadQualified(LEAD, PROFILE, QualificationFramework.BANT,
                        Map.of("budget", "100k", "authority", "CFO", "need", "forecasting", "timing", "Q3"), at(9),
                        "sdr-1"));
    }

    @Test
    void qualifyingWithAnUnansweredQuestionIsRefusedNamingIt() {
        Map<String, String> partial = Map.of("metrics", "m", "economicBuyer", "CFO", "decisionCriteria", "c",
                "decisionProcess", "p", "champion", "Dana");
        fixture.given(to(LeadState.MQL))
                .when(new QualifyLead(LEAD, null, QualificationFramework.MEDDIC, partial, at(9), "sdr-1"))
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage("meddic.pain: is required to qualify with MEDDIC");
    }

    @Test
    void acceptingAnSqlMakesTheAeItsOwnerInTheAesTeam() {
        fixture.given(to(LeadState.SQL))
                .when(new AcceptLead(LEAD, null, "ae-1", "team-ae", null, at(9), "ae-1"))
                .expectEvents(new LeadAccepted(LEAD, PROFILE.ownedBy("ae-1", "team-ae", "emea"), "ae-1", at(9),
                        "ae-1"));
    }

    @Test
    void anAcceptedLeadCannotBeAcceptedByAnotherAe() {
        fixture.given(to(LeadState.SAL))
                .when(new AcceptLead(LEAD, null, "ae-2", null, null, at(9), "ae-2"))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    @ParameterizedTest
    @EnumSource(value = LeadState.class, names = {"CAPTURED", "NURTURING", "MQL", "SQL", "SAL"})
    void anyOpenLeadCanBeRejectedWithAReason(LeadState state) {
        var profile = state == LeadState.SAL ? ACCEPTED_PROFILE : PROFILE;
        fixture.given(to(state))
                .when(new RejectLead(LEAD, null, "no fit", at(9), "ae-1"))
                .expectEvents(new LeadRejected(LEAD, profile, state, "no fit", at(9), "ae-1"));
    }

    @ParameterizedTest
    @EnumSource(value = LeadState.class, names = {"CAPTURED", "NURTURING", "MQL", "SQL", "SAL"})
    void anyOpenLeadCanBeDisqualifiedWithAReason(LeadState state) {
        var profile = state == LeadState.SAL ? ACCEPTED_PROFILE : PROFILE;
        fixture.given(to(state))
                .when(new DisqualifyLead(LEAD, null, "no budget", at(9), "sdr-1"))
                .expectEvents(new LeadDisqualified(LEAD, profile, state, "no budget", at(9), "sdr-1"));
    }

    @ParameterizedTest
    @EnumSource(value = LeadState.class, names = {"REJECTED", "DISQUALIFIED"})
    void aRejectedOrDisqualifiedLeadIsRecycledToNurturing(LeadState state) {
        fixture.given(to(state))
                .when(new RecycleLead(LEAD, null, at(9), "marketing"))
                .expectEvents(new LeadRecycled(LEAD, PROFILE, state, at(9), "marketing"))
                .expectResultMessagePayload(new LeadStatus(LEAD, LeadState.NURTURING, 2, true));
    }

    @Test
    void convertingAnAcceptedLeadOpensAnOpportunityWhoseIdDerivesFromTheLead() {
        fixture.given(to(LeadState.SAL))
                .when(new ConvertLead(LEAD, null, "acc-1", "Acme Inc", "Acme forecasting",
                        new BigDecimal("50000.00"), "EUR", LocalDate.parse("2026-06-30"), at(9), "ae-1"))
                .expectEvents(LeadHistories.converted(at(9)));
        assertThat(LeadHistories.converted(at(9)).opportunityId()).isEqualTo(Conversions.opportunityIdFor(LEAD))
                .isNotEqualTo(Conversions.opportunityIdFor("lead-2"));
    }

    @ParameterizedTest
    @EnumSource(value = LeadState.class, names = {"CAPTURED", "NURTURING", "MQL", "SQL", "REJECTED", "DISQUALIFIED"})
    void convertingALeadThatIsNotAcceptedIsRefused(LeadState state) {
        fixture.given(to(state))
                .when(LeadCommands.of(LeadTransition.CONVERT, at(9)))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class)
                .expectExceptionMessage("Cannot convert lead lead-1 in state " + state + "; allowed from here: "
                        + String.join(", ", LeadTransition.allowedFrom(state)));
    }

    @Test
    void aConvertedLeadIsFinal() {
        fixture.given(to(LeadState.CONVERTED))
                .when(new RecycleLead(LEAD, null, at(9), "marketing"))
                .expectNoEvents()
                .expectExceptionMessage("Cannot recycle lead lead-1 in state CONVERTED; it is final and allows"
                        + " nothing more");
    }

    @Test
    void convertingAgainIntoAnotherAccountIsRefused() {
        fixture.given(to(LeadState.CONVERTED))
                .when(new ConvertLead(LEAD, null, "acc-2", "Other", "Other deal", BigDecimal.ONE, "EUR",
                        LocalDate.parse("2026-06-30"), at(9), "ae-1"))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class);
    }

    /** Every state-transition pair the state machine does not allow, except a repeat into the same state. */
    static Stream<Arguments> refusedTransitions() {
        List<Arguments> refused = new ArrayList<>();
        for (LeadState state : LeadState.values()) {
            for (LeadTransition transition : LeadTransition.values()) {
                if (!transition.startsFrom(state) && transition.target() != state) {
                    refused.add(Arguments.of(state, transition));
                }
            }
        }
        return refused.stream();
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("refusedTransitions")
    void aTransitionTheStateDoesNotAllowIsRefusedNamingTheStateAndWhatIsAllowed(LeadState state,
                                                                                LeadTransition transition) {
        fixture.given(to(state))
                .when(LeadCommands.of(transition, at(9)))
                .expectNoEvents()
                .expectException(IllegalTransitionException.class)
                .expectException(predicate(e -> e instanceof IllegalTransitionException refusal
                        && refusal.currentState().equals(state.name())
                        && List.copyOf(refusal.allowed()).equals(LeadTransition.allowedFrom(state))));
    }

    @ParameterizedTest
    @EnumSource(LeadTransition.class)
    void repeatingATransitionThatAlreadyTookEffectRecordsNothing(LeadTransition transition) {
        LeadState before = transition == LeadTransition.RECYCLE ? LeadState.REJECTED
                : transition == LeadTransition.NURTURE ? LeadState.CAPTURED
                : LeadTransition.values()[0] == transition ? LeadState.CAPTURED : predecessor(transition);
        List<Object> history = new ArrayList<>(to(before));
        fixture.given(history)
                .andGivenCommands(LeadCommands.of(transition, at(9)))
                .when(LeadCommands.of(transition, at(10)))
                .expectNoEvents()
                .expectResultMessagePayload(new LeadStatus(LEAD, transition.target(), history.size(), false));
    }

    private static LeadState predecessor(LeadTransition transition) {
        return switch (transition) {
            case MARK_MQL -> LeadState.NURTURING;
            case QUALIFY -> LeadState.MQL;
            case ACCEPT -> LeadState.SQL;
            case CONVERT -> LeadState.SAL;
            default -> LeadState.CAPTURED;
        };
    }

    @Test
    void aChangeDatedBeforeTheLeadsLastChangeIsRefused() {
        fixture.given(to(LeadState.MQL))
                .when(new NurtureLead(LEAD, null, at(1), "marketing"))
                .expectNoEvents()
                .expectException(InvalidFieldException.class);
    }

    @Test
    void aCommandForAnUnknownLeadFindsNothing() {
        fixture.givenNoPriorActivity()
                .when(new NurtureLead("nobody", null, at(1), "marketing"))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aCommandExpectingAnOlderVersionIsRefused() {
        fixture.given(to(LeadState.MQL))
                .when(new NurtureLead(LEAD, 1L, at(9), "marketing"))
                .expectNoEvents()
                .expectException(StaleVersionException.class);
    }

    @Test
    void aCommandExpectingALaterVersionIsRefusedToo() {
        fixture.given(to(LeadState.MQL))
                .when(new NurtureLead(LEAD, 7L, at(9), "marketing"))
                .expectNoEvents()
                .expectException(StaleVersionException.class);
    }

    @Test
    void aRetryWhoseEffectHoldsSucceedsWithItsOldVersion() {
        fixture.given(to(LeadState.NURTURING))
                .when(new NurtureLead(LEAD, 0L, at(9), "marketing"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aStaleVersionIsRefusedBeforeTheStateIsJudged() {
        fixture.given(to(LeadState.CONVERTED))
                .when(new NurtureLead(LEAD, 1L, at(9), "marketing"))
                .expectNoEvents()
                .expectException(StaleVersionException.class);
    }
}
