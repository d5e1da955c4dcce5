package io.pipeline.eventsourcing.store;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's cache over a size-bounded Caffeine cache: up to {@code capacity} aggregates held strongly, the one least
 * likely to be used again dropped first. Axon's {@code WeakReferenceCache} lost most deals at every young
 * collection under load, so updates read their streams again (measured: most update threads waiting on the events
 * query). Axon 4.13 ships adapters for JCache and Ehcache but none for Caffeine; this one is only the translation,
 * each operation one atomic call on Caffeine's map, without a lock over the whole cache.
 */
public class CaffeineAggregateCache implements Cache {

    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<Object, Object> entries;

    public CaffeineAggregateCache(int capacity) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(capacity)
                // eviction runs in the thread that wrote, not later on the common pool: the bound holds once a
                // put returns, and a listener hears of the eviction before the next command
                .executor(Runnable::run)
                .evictionListener((Object key, Object value, RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        notify(listener -> listener.onEntryExpired(key));
                    }
                })
                .build()
                .asMap();
    }

    private void notify(Consumer<EntryListener> event) {
        listeners.forEach(event);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        Object previous = entries.put(key, value);
        notify(previous == null ? l -> l.onEntryCreated(key, value) : l -> l.onEntryUpdated(key, value));
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean absent = entries.putIfAbsent(key, value) == null;
        if (absent) {
            notify(l -> l.onEntryCreated(key, value));
        }
        return absent;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        boolean[] created = {false};
        T value = (T) entries.computeIfAbsent(key, absent -> {
            created[0] = true;
            return valueSupplier.get();
        });
        if (created[0] && value != null) {
            notify(l -> l.onEntryCreated(key, value));
        }
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        boolean[] present = {false};
        Object updated = entries.computeIfPresent(key, (same, value) -> {
            present[0] = true;
            return update.apply((V) value);
        });
        if (present[0]) {
            notify(updated == null ? l -> l.onEntryRemoved(key) : l -> l.onEntryUpdated(key, updated));
        }
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            notify(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        List.copyOf(entries.keySet()).forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
