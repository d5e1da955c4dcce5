package io.pipeline.forecast.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.forecast.consumer.EventConsumer;
import io.pipeline.forecast.consumer.PositionStore;
import io.pipeline.forecast.projection.LeadProjection;
import io.pipeline.forecast.projection.OpportunityProjection;
import io.pipeline.forecast.period.FiscalCalendar;
import io.pipeline.platform.config.KafkaSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

    @Bean
    @ConditionalOnProperty(name = "pipeline.forecast.consumer-enabled", havingValue = "true", matchIfMissing = true)
    EventConsumer eventConsumer(KafkaSettings kafka, ForecastSettings settings, PositionStore positions,
                                OpportunityProjection opportunities, LeadProjection leads,
                                PlatformTransactionManager transactions, MeterRegistry meters) {
        return new EventConsumer(kafka, settings, positions, opportunities, leads, new TransactionTemplate(transactions),
                meters);
    }

    @Bean
    FiscalCalendar fiscalCalendar(ForecastSettings settings) {
        return new FiscalCalendar(settings.fiscalYearStartMonth());
    }
}
