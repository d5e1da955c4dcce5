package io.pipeline.eventsourcing.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class CaffeineAggregateCacheTest {

    private final CaffeineAggregateCache cache = new CaffeineAggregateCache(2);
    private final List<String> heard = new ArrayList<>();

    CaffeineAggregateCacheTest() {
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                heard.add("expired " + key);
            }
        });
    }

    @Test
    void holdsAtMostItsCapacityOnceAPutReturnsAndSaysWhichEntryItDropped() {
        cache.put("deal-1", "a");
        cache.put("deal-2", "b");
        cache.put("deal-3", "c");

        List<String> kept = Stream.of("deal-1", "deal-2", "deal-3").filter(cache::containsKey).toList();
        assertThat(kept).hasSize(2);
        String dropped = Stream.of("deal-1", "deal-2", "deal-3").filter(key -> !kept.contains(key)).findFirst()
                .orElseThrow();
        assertThat(heard).startsWith("created deal-1", "created deal-2")
                // the eviction happens within the third put, so it may be heard before that put's creation
                .containsExactlyInAnyOrder("created deal-1", "created deal-2", "created deal-3", "expired " + dropped);
    }

    @Test
    void answersAndTellsEachChangeAsAxonsCacheContractSays() {
        assertThat(cache.putIfAbsent("deal-1", "a")).isTrue();
        assertThat(cache.putIfAbsent("deal-1", "other")).isFalse();
        assertThat(cache.<String, String>get("deal-1")).isEqualTo("a");
        assertThat(cache.computeIfAbsent("deal-1", () -> "unused")).isEqualTo("a");
        assertThat(cache.computeIfAbsent("deal-2", () -> "b")).isEqualTo("b");
        cache.<String>computeIfPresent("deal-1", value -> value + "1");
        cache.<String>computeIfPresent("deal-9", value -> "never");
        cache.<String>computeIfPresent("deal-2", value -> null);

        assertThat(cache.<String, String>get("deal-1")).isEqualTo("a1");
        assertThat(cache.containsKey("deal-2")).isFalse();
        assertThat(cache.containsKey("deal-9")).isFalse();
        assertThat(cache.remove("deal-1")).isTrue();
        assertThat(cache.remove("deal-1")).isFalse();
        assertThat(heard).containsExactly("created deal-1", "created deal-2", "updated deal-1", "removed deal-2",
                "removed deal-1");
    }

    @Test
    void removeAllEmptiesItAndAnUnregisteredListenerHearsNoMore() {
        List<Object> second = new ArrayList<>();
        var registration = cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryRemoved(Object key) {
                second.add(key);
            }
        });
        cache.put("deal-1", "a");
        cache.put("deal-2", "b");
        cache.removeAll();
        registration.cancel();
        cache.put("deal-3", "c");
        cache.remove("deal-3");

        assertThat(cache.containsKey("deal-1")).isFalse();
        assertThat(cache.containsKey("deal-2")).isFalse();
        assertThat(second).containsExactlyInAnyOrder("deal-1", "deal-2");
    }
}
