package io.pipeline.eventsourcing.parking;

import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.kafka.DeadLetters;
import io.pipeline.platform.parking.ParkedEvents;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@AutoConfiguration
public class EventParkingAutoConfiguration {

    /** The read models' dead letters name the service's read models as their consumer. */
    @Bean(destroyMethod = "close")
    DeadLetters readModelDeadLetters(KafkaSettings kafka, @Value("${spring.application.name}") String service) {
        return new DeadLetters(kafka, service + "-read-models");
    }

    @Bean
    EventParking eventParking(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                              DeadLetters readModelDeadLetters, ParkedEvents parked) {
        return new EventParking(jdbc, transactions, readModelDeadLetters, parked);
    }
}
