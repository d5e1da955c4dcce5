package io.pipeline.contract;

import java.time.Instant;

/**
 * Events of {@link Topics#PERIODS}: RevOps or an admin closed or reopened a fiscal quarter, keyed by the quarter
 * ({@code FY2026-Q3}). A service that takes back-dated commands reads the topic from its start to enforce the
 * same closed quarters as opportunity-service; a quarter nobody decided about closes on its own once the grace
 * after its end has passed (opportunity-service's README, "Business time").
 */
public sealed interface PeriodEvent extends IntegrationEvent {

    /** The fiscal quarter, {@code FY2026-Q3}. */
    String period();

    @Override
    default String subject() {
        return period();
    }

    @Override
    default String topic() {
        return Topics.PERIODS;
    }

    /** @param occurredAt when it was closed; {@code reason} may be null */
    record PeriodClosed(String period, String reason, Instant occurredAt, String actor) implements PeriodEvent {
    }

    /** @param occurredAt when it was reopened; {@code reason} may be null */
    record PeriodReopened(String period, String reason, Instant occurredAt, String actor) implements PeriodEvent {
    }
}
