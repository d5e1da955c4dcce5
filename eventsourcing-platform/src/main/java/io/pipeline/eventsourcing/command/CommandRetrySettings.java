package io.pipeline.eventsourcing.command;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a command that lost a race for its aggregate (another thread or instance appended first: Axon's
 * {@code ConcurrencyException}) is tried again before the caller gets a 409.
 *
 * @param attempts how many times a command is handled at most, the first included (1: never retried)
 * @param backOff  the wait before the first retry; it doubles for each further one, plus up to as much again at
 *                 random, so two instances that collided do not collide again in step
 */
@Validated
@ConfigurationProperties("pipeline.eventsourcing.command-retry")
public record CommandRetrySettings(@DefaultValue("5") @Min(1) int attempts,
                                   @DefaultValue("10ms") Duration backOff) {
}
