package io.pipeline.lead.command;

import static io.pipeline.lead.command.LeadHistories.LEAD;
import static io.pipeline.lead.command.LeadHistories.at;
import static io.pipeline.lead.command.LeadHistories.captured;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.lead.api.LeadAccepted;
import io.pipeline.lead.api.LeadLifecycleEvent;
import io.pipeline.lead.api.LeadState;
import io.pipeline.lead.api.LeadStatus;
import io.pipeline.lead.api.LeadTransition;
import io.pipeline.platform.problem.IllegalTransitionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.AxonAssertionError;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of lead commands, each run through the aggregate on the history so far, checked against the
 * lead lifecycle of DOMAIN.md written down here a second time, independently of {@link LeadTransition}: the
 * moves between states, and that a rejected or disqualified lead leaves only by being recycled.
 */
class LeadInvariantsRandomizedTest {

    private static final Map<LeadState, Set<LeadState>> DOMAIN_MOVES = Map.of(
            LeadState.CAPTURED, EnumSet.of(LeadState.NURTURING, LeadState.REJECTED, LeadState.DISQUALIFIED),
            LeadState.NURTURING, EnumSet.of(LeadState.MQL, LeadState.REJECTED, LeadState.DISQUALIFIED),
            LeadState.MQL, EnumSet.of(LeadState.NURTURING, LeadState.SQL, LeadState.REJECTED, LeadState.DISQUALIFIED),
            LeadState.SQL, EnumSet.of(LeadState.SAL, LeadState.REJECTED, LeadState.DISQUALIFIED),
            LeadState.SAL, EnumSet.of(LeadState.CONVERTED, LeadState.REJECTED, LeadState.DISQUALIFIED),
            LeadState.REJECTED, EnumSet.of(LeadState.NURTURING),
            LeadState.DISQUALIFIED, EnumSet.of(LeadState.NURTURING),
            LeadState.CONVERTED, EnumSet.noneOf(LeadState.class));

    private static final int SEQUENCES = 60;
    private static final int STEPS = 30;

    @Test
    void randomCommandSequencesNeverBreakAnInvariant() {
        long seed = Long.getLong("lead.random.seed", System.nanoTime());
        Random random = new Random(seed);
        int converted = 0;
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            converted += runOneSequence(random, "seed " + seed + ", sequence " + sequence) == LeadState.CONVERTED ? 1 : 0;
        }
        assertThat(converted).as("sequences that reached the terminal state (seed " + seed + ")").isPositive();
    }

    private LeadState runOneSequence(Random random, String where) {
        List<Object> history = new ArrayList<>(List.of(captured()));
        LeadState state = LeadState.CAPTURED;
        String owner = captured().profile().ownerId();
        for (int step = 1; step <= STEPS; step++) {
            LeadTransition transition = pick(random, state);
            String ae = random.nextBoolean() ? "ae-1" : "ae-2";
            Object command = LeadCommands.of(transition, LEAD, ae, at(step));
            LeadState before = state;
            String context = where + ", step " + step + ": " + transition + " by " + ae + " from " + state;

            ResultValidator<Lead> outcome = new AggregateTestFixture<>(Lead.class).given(history).when(command);
            Throwable refusal = refusal(outcome);

            boolean repeat = state == transition.target()
                    && (transition != LeadTransition.ACCEPT || ae.equals(owner));
            boolean closed = state == LeadState.REJECTED || state == LeadState.DISQUALIFIED;
            boolean allowed = DOMAIN_MOVES.get(state).contains(transition.target()) && !repeat
                    && (transition == LeadTransition.RECYCLE) == closed;
            if (refusal != null) {
                assertThat(allowed).as(context + " was refused although the lifecycle allows it").isFalse();
                assertThat(repeat).as(context + " was a harmless repeat, yet refused").isFalse();
                outcome.expectNoEvents();
                assertThat(refusal).as(context).isInstanceOfSatisfying(IllegalTransitionException.class,
                        e -> assertThat(e.currentState()).isEqualTo(before.name()));
                continue;
            }
            Capture<List<EventMessage<?>>> events = new Capture<>();
            Capture<CommandResultMessage<?>> result = new Capture<>();
            outcome.expectEventsMatching(events).expectResultMessageMatching(result);
            LeadStatus status = (LeadStatus) result.value.getPayload();
            if (repeat) {
                assertThat(events.value).as(context + " repeated what had taken effect").isEmpty();
                assertThat(status.changed()).as(context).isFalse();
                continue;
            }
            assertThat(allowed).as(context + " was accepted although the lifecycle forbids it").isTrue();
            assertThat(events.value).as(context).hasSize(1);
            LeadLifecycleEvent event = (LeadLifecycleEvent) events.value.get(0).getPayload();
            assertThat(event.state()).as(context).isEqualTo(transition.target()).isEqualTo(status.state());
            assertThat(status.version()).as(context + ": version counts the events").isEqualTo(history.size());
            if (event instanceof LeadAccepted) {
                assertThat(event.profile().ownerId()).as(context + ": the AE owns an accepted lead").isEqualTo(ae);
            }
            if (event.state() == LeadState.CONVERTED) {
                assertThat(state).as(context + ": only an accepted lead converts").isEqualTo(LeadState.SAL);
            }
            history.add(event);
            state = event.state();
            owner = event.profile().ownerId();
        }
        return state;
    }

    /** Mostly a move the lead allows, so that sequences reach deep states, often anything at all. */
    private static LeadTransition pick(Random random, LeadState state) {
        List<String> allowed = LeadTransition.allowedFrom(state);
        if (allowed.isEmpty() || random.nextInt(10) < 4) {
            return LeadTransition.values()[random.nextInt(LeadTransition.values().length)];
        }
        String action = allowed.get(random.nextInt(allowed.size()));
        return Arrays.stream(LeadTransition.values()).filter(t -> t.action().equals(action)).findFirst().orElseThrow();
    }

    /** The exception the command ended with, or null when it succeeded. */
    private static Throwable refusal(ResultValidator<Lead> outcome) {
        Capture<Throwable> exception = new Capture<>();
        try {
            outcome.expectException(exception);
        } catch (AxonAssertionError succeeded) {
            return null;
        }
        return exception.value;
    }

    /** A matcher that accepts anything and keeps it, to read what the fixture saw. */
    private static final class Capture<T> extends BaseMatcher<T> {
        T value;

        @Override
        @SuppressWarnings("unchecked")
        public boolean matches(Object actual) {
            value = (T) actual;
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("anything");
        }
    }
}
