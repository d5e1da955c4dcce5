package io.pipeline.eventsourcing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances (two Axon configurations, each with its own cache) on one event store. */
class StoreCheckedCacheTest {

    record Open(@TargetAggregateIdentifier String id) {
    }

    record Increment(@TargetAggregateIdentifier String id) {
    }

    record Opened(String id) {
    }

    record Incremented(String id, int total) {
    }

    /** Answers the total after each increment, decided on the state it was loaded with. */
    public static class Counter {

        @AggregateIdentifier
        private String id;
        private int total;

        protected Counter() {
        }

        @CommandHandler
        @CreationPolicy(AggregateCreationPolicy.ALWAYS)
        public void handle(Open command) {
            apply(new Opened(command.id()));
        }

        @CommandHandler
        public int handle(Increment command) {
            apply(new Incremented(id, total + 1));
            return total;
        }

        @EventSourcingHandler
        void on(Opened event) {
            this.id = event.id();
        }

        @EventSourcingHandler
        void on(Incremented event) {
            this.total = event.total();
        }
    }

    private final EventStorageEngine store = new InMemoryEventStorageEngine();
    private final List<Configuration> started = new ArrayList<>();

    @AfterEach
    void shutdown() {
        started.forEach(Configuration::shutdown);
    }

    private Configuration instance(StoreCheckedCache cache) {
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> store)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Counter.class).configureCache(c -> cache))
                .buildConfiguration();
        configuration.start();
        started.add(configuration);
        return configuration;
    }

    private StoreCheckedCache cache() {
        return new StoreCheckedCache(new CaffeineAggregateCache(10), store::lastSequenceNumberFor);
    }

    @Test
    void anotherInstancesAppendIsSeenInsteadOfTheCachedState() {
        StoreCheckedCache cacheOfA = cache();
        Configuration a = instance(cacheOfA);
        Configuration b = instance(cache());
        a.commandGateway().sendAndWait(new Open("deal-1"));
        assertThat((Integer) a.commandGateway().sendAndWait(new Increment("deal-1"))).isEqualTo(1);

        assertThat((Integer) b.commandGateway().sendAndWait(new Increment("deal-1"))).isEqualTo(2);
        // A's cache holds the deal at total 1 (version 1); the store is at version 2
        assertThat((Integer) a.commandGateway().sendAndWait(new Increment("deal-1"))).isEqualTo(3);
        assertThat(store.lastSequenceNumberFor("deal-1")).contains(3L);
    }

    @Test
    void anEntryStillAtTheStoresVersionIsUsedAndAStaleOneDropped() {
        StoreCheckedCache cacheOfA = cache();
        Configuration a = instance(cacheOfA);
        a.commandGateway().sendAndWait(new Open("deal-2"));
        a.commandGateway().sendAndWait(new Increment("deal-2"));

        Object fresh = cacheOfA.get("deal-2");
        instance(cache()).commandGateway().sendAndWait(new Increment("deal-2"));
        Object stale = cacheOfA.get("deal-2");

        assertThat(fresh).isNotNull();
        assertThat(StoreCheckedCache.cachedVersion((org.axonframework.eventsourcing.AggregateCacheEntry<?>) fresh))
                .isEqualTo(1L);
        assertThat(stale).isNull();
        assertThat(cacheOfA.containsKey("deal-2")).isFalse();
    }
}
