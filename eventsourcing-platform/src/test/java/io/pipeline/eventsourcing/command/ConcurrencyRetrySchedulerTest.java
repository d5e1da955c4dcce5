package io.pipeline.eventsourcing.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyRetrySchedulerTest {

    record Touch(String id) {
    }

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger handled = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A gateway whose handler fails the first {@code failures} times with {@code failure}, then answers "done". */
    private CommandGateway gateway(int attempts, int failures, RuntimeException failure) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(Touch.class.getName(), command -> {
            if (handled.incrementAndGet() <= failures) {
                throw failure;
            }
            return "done";
        });
        return DefaultCommandGateway.builder().commandBus(bus)
                .retryScheduler(new ConcurrencyRetryScheduler(new CommandRetrySettings(attempts, Duration.ofMillis(1)),
                        executor))
                .build();
    }

    @Test
    void aCommandThatLostTheRaceForItsAggregateIsHandledAgainUntilItSucceeds() {
        CommandGateway commands = gateway(3, 2, new ConcurrencyException("seq 4 taken"));

        String result = commands.sendAndWait(new Touch("d-1"));

        assertThat(result).isEqualTo("done");
        assertThat(handled).hasValue(3);
    }

    @Test
    void afterTheLastAttemptTheConflictReachesTheCaller() {
        CommandGateway commands = gateway(3, 5, new ConcurrencyException("seq 4 taken"));

        assertThatThrownBy(() -> commands.sendAndWait(new Touch("d-1"))).isInstanceOf(ConcurrencyException.class);
        assertThat(handled).hasValue(3);
    }

    @Test
    void aConflictWrappedInAnotherExceptionIsRetriedToo() {
        CommandGateway commands = gateway(2, 1, new IllegalStateException("commit failed",
                new ConcurrencyException("seq 4 taken")));

        assertThat((String) commands.sendAndWait(new Touch("d-1"))).isEqualTo("done");
        assertThat(handled).hasValue(2);
    }

    @Test
    void aRefusalOfTheDomainIsNeverRepeated() {
        CommandGateway commands = gateway(5, 5, new IllegalStateException("the deal is closed"));

        assertThatThrownBy(() -> commands.sendAndWait(new Touch("d-1"))).hasMessage("the deal is closed");
        assertThat(handled).hasValue(1);
    }

    @Test
    void oneAttemptMeansNoRetry() {
        CommandGateway commands = gateway(1, 1, new ConcurrencyException("seq 4 taken"));

        assertThatThrownBy(() -> commands.sendAndWait(new Touch("d-1"))).isInstanceOf(ConcurrencyException.class);
        assertThat(handled).hasValue(1);
    }
}
