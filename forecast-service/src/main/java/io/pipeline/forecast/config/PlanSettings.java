package io.pipeline.forecast.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the plan (organisation, quotas, rates) and the forecast calls travel through {@code pipeline.plan.v1}.
 *
 * @param sendTimeout    how long a change waits for Kafka's acknowledgement before the request is answered 503
 * @param applyTimeout   how long a change, once acknowledged, waits to be applied in this instance's database before
 *                       the request is answered 503 (it is recorded then, and shows as soon as it is applied)
 * @param initialBackOff the first pause before a change that could not be applied is tried again (the database is
 *                       away); the pause doubles up to {@code maxBackOff}
 * @param maxBackOff     the longest pause between two attempts
 * @param stuckAfter     how long one change may keep failing before the health component {@code plan} turns DOWN
 */
@ConfigurationProperties("pipeline.forecast.plan")
public record PlanSettings(@DefaultValue("10s") Duration sendTimeout,
                           @DefaultValue("15s") Duration applyTimeout,
                           @DefaultValue("200ms") Duration initialBackOff,
                           @DefaultValue("10s") Duration maxBackOff,
                           @DefaultValue("60s") Duration stuckAfter) {
}
