package io.pipeline.forecast.config;

import io.pipeline.forecast.plan.ForecastCalls;
import io.pipeline.forecast.plan.PlanChanges;
import io.pipeline.forecast.plan.PlanStore;
import io.pipeline.forecast.plan.PlanTopic;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.parking.ParkedEvents;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The plan and the calls: sent to their topic by {@link PlanChanges}, applied from it by {@link PlanTopic}. */
@Configuration(proxyBeanMethods = false)
class PlanConfiguration {

    /** Named so that its health component is {@code plan}. */
    @Bean
    PlanTopic planHealthIndicator(KafkaSettings kafka, ForecastSettings forecast, PlanSettings settings, PlanStore plan,
                        ForecastCalls calls, JdbcTemplate jdbc, TransactionTemplate transaction, ParkedEvents parked,
                        Clock clock) {
        return new PlanTopic(kafka, forecast, settings, plan, calls, jdbc, transaction, parked, clock);
    }

    @Bean
    PlanChanges planChanges(KafkaSettings kafka, PlanSettings settings, PlanTopic planHealthIndicator) {
        return new PlanChanges(kafka, settings, planHealthIndicator);
    }
}
