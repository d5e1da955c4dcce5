package io.pipeline.eventsourcing.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's durable JDBC event store, token store and Spring transaction manager on the service's PostgreSQL.
 *
 * <p>Declared here, before Axon's own auto-configuration, because on Boot 4 Axon's JDBC auto-configuration runs
 * before the DataSource exists and silently falls back to an in-memory event bus and token store. An integration
 * test in each service asserts these bean types so the fallback cannot come back unnoticed.
 */
@AutoConfiguration(beforeName = {
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
        "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
        "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
        "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration",
        "org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration"})
@EnableConfigurationProperties(AggregateCacheSettings.class)
public class PostgresEventStoreAutoConfiguration {

    /** Name of the cache the services' aggregates declare: {@code @Aggregate(cache = AGGREGATE_CACHE)}. */
    public static final String AGGREGATE_CACHE = "aggregateCache";

    /**
     * The most recently used aggregates stay in memory between commands, so an update does not read the
     * aggregate's events again: without it an update costs a read of the whole stream on top of the append. Each
     * use is checked against the store's last sequence number, so an append by another instance is seen; a race
     * between the check and the append meets the unique sequence number, Axon drops the copy and the command is
     * retried ({@code CommandRetryAutoConfiguration}).
     */
    @Bean(AGGREGATE_CACHE)
    Cache aggregateCache(AggregateCacheSettings settings, EventStorageEngine eventStorageEngine) {
        return new StoreCheckedCache(new CaffeineAggregateCache(settings.cachedAggregates()),
                eventStorageEngine::lastSequenceNumberFor);
    }

    /** Jackson 2 for Axon's stored messages: Boot 4's Jackson 3 serializer cannot read Axon's replay tokens. */
    static ObjectMapper eventObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    @Bean
    EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .build();
    }

    @Bean
    DurableWiringCheck durableWiringCheck(ApplicationContext context) {
        return new DurableWiringCheck(context);
    }

    /**
     * The owner id written into claimed segments is unique per start: Axon's default (the JVM's {@code pid@host})
     * is the same for two instances in one JVM or two containers whose process is pid 1 on equal host names, and
     * both would then take the other's claim for their own and process the same segment.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .nodeId(tokenOwner())
                .build();
    }

    static String tokenOwner() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    }
}
