package io.pipeline.eventsourcing.store;

import java.lang.reflect.Field;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * The aggregate cache of a service that runs as more than one instance: a cached aggregate is used only while the
 * event store's last sequence number of that aggregate is still the cached version. Another instance's append
 * makes the entry stale; without this check a command would be decided on the stale state (refused or accepted
 * on what no longer holds, and only an append would ever notice). The check is one indexed {@code max()} query,
 * where a miss reads the whole stream.
 */
public class StoreCheckedCache implements Cache {

    /**
     * Axon 4.13 keeps the cached version private and offers no getter; read once here, so a changed Axon fails
     * at the start of the service (and in {@code StoreCheckedCacheTest}) rather than silently skipping the check.
     */
    private static final Field VERSION = versionField();

    private final Cache delegate;
    private final Function<String, Optional<Long>> lastSequenceNumber;

    /**
     * @param lastSequenceNumber the store's last sequence number of an aggregate id, empty when it has no events
     *                           ({@code EventStorageEngine::lastSequenceNumberFor})
     */
    public StoreCheckedCache(Cache delegate, Function<String, Optional<Long>> lastSequenceNumber) {
        this.delegate = delegate;
        this.lastSequenceNumber = lastSequenceNumber;
    }

    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry has no readable version any more: "
                    + "the aggregate cache cannot be checked against the event store", e);
        }
    }

    static Long cachedVersion(AggregateCacheEntry<?> entry) {
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public <K, V> V get(K key) {
        V value = delegate.get(key);
        if (value instanceof AggregateCacheEntry<?> entry
                && !Objects.equals(cachedVersion(entry), lastSequenceNumber.apply(key.toString()).orElse(null))) {
            delegate.remove(key);
            return null;
        }
        return value;
    }

    @Override
    public void put(Object key, Object value) {
        delegate.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return delegate.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return delegate.computeIfAbsent(key, valueSupplier);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        delegate.computeIfPresent(key, update);
    }

    @Override
    public boolean remove(Object key) {
        return delegate.remove(key);
    }

    @Override
    public void removeAll() {
        delegate.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return delegate.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return delegate.registerCacheEntryListener(cacheEntryListener);
    }
}
