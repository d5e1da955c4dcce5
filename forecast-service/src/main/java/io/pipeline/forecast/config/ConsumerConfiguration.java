package io.pipeline.forecast.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.forecast.consumer.EventConsumer;
import io.pipeline.forecast.consumer.PositionStore;
import io.pipeline.forecast.consumer.ReadModelFreshness;
import io.pipeline.forecast.consumer.BatchApplier;
import io.pipeline.forecast.readmodel.ReadModelVersions;
import io.pipeline.forecast.readmodel.ServingReadModel;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.parking.ParkedEvents;
import io.pipeline.platform.tracing.KafkaTracing;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

    /** Named so that its health component is {@code forecastConsumer}. */
    @Bean
    @ConditionalOnProperty(name = "pipeline.forecast.consumer-enabled", havingValue = "true", matchIfMissing = true)
    EventConsumer forecastConsumerHealthIndicator(KafkaSettings kafka, ForecastSettings settings,
                                                  PositionStore positions, BatchApplier applier,
                                                  ServingReadModel serving, ReadModelVersions versions,
                                                  MeterRegistry meters, ParkedEvents parked, KafkaTracing tracing,
                                                  ReadModelFreshness freshness) {
        return new EventConsumer(kafka, settings, positions, applier, serving, versions, meters, parked, tracing,
                freshness);
    }

    @Bean
    FiscalCalendar fiscalCalendar(ForecastSettings settings) {
        return new FiscalCalendar(settings.fiscalYearStartMonth());
    }
}
