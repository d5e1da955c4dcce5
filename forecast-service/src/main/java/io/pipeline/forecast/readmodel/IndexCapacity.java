package io.pipeline.forecast.readmodel;

import io.pipeline.forecast.config.MemorySettings;
import io.pipeline.forecast.index.DealIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the in-memory index still fits the heap: its footprint estimated from its event counts (the bytes per
 * event measured, see {@link MemorySettings}) against a share of the max heap. Beyond it the service refuses to
 * take more (the load stops, the consumer stops applying) with one clear log line and health OUT_OF_SERVICE
 * naming the reason, rather than dying slowly in garbage collection and out of memory. The refusal lasts until a
 * restart (with more heap, or a larger fraction).
 */
@Component("indexCapacity")
public class IndexCapacity implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(IndexCapacity.class);

    /** Thrown where the index would grow beyond what the heap holds. */
    public static final class ExceededException extends IllegalStateException {
        ExceededException(String reason) {
            super(reason);
        }
    }

    /** Past this share of the old generation still in use after its latest collection, a rebuild stops. */
    static final double REBUILD_OLD_GENERATION_LIMIT = 0.9;
    /** The heap pool that holds what survives young collections; null when the JVM names none. */
    private static final MemoryPoolMXBean OLD_GENERATION = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP
                    && (pool.getName().contains("Old") || pool.getName().contains("Tenured")))
            .findFirst().orElse(null);

    private final MemorySettings settings;
    private final long maxHeapBytes;
    private final DoubleSupplier oldGenerationAfterCollection;
    private volatile String refusal;
    private volatile long estimatedBytes;

    @Autowired
    public IndexCapacity(MemorySettings settings) {
        this(settings, Runtime.getRuntime().maxMemory());
    }

    IndexCapacity(MemorySettings settings, long maxHeapBytes) {
        this(settings, maxHeapBytes, IndexCapacity::oldGenerationAfterCollection);
    }

    IndexCapacity(MemorySettings settings, long maxHeapBytes, DoubleSupplier oldGenerationAfterCollection) {
        this.settings = settings;
        this.maxHeapBytes = maxHeapBytes;
        this.oldGenerationAfterCollection = oldGenerationAfterCollection;
    }

    /**
     * The share of the old generation (Serial's "Tenured Gen", G1's "G1 Old Gen", ...) in use after its latest
     * collection, i.e. what survived it; 0 when the JVM has not collected it yet or names no such pool.
     */
    static double oldGenerationAfterCollection() {
        if (OLD_GENERATION == null) {
            return 0;
        }
        MemoryUsage survived = OLD_GENERATION.getCollectionUsage();
        long max = OLD_GENERATION.getUsage().getMax();
        return survived == null || max <= 0 ? 0 : (double) survived.getUsed() / max;
    }

    public long limitBytes() {
        return (long) (maxHeapBytes * settings.maxHeapFraction());
    }

    public long estimatedBytes(long dealEvents, long leadEvents, int keptPeriods) {
        return dealEvents * (settings.bytesPerDealEvent() + keptPeriods * settings.bytesPerDealEventKeptPeriod())
                + leadEvents * settings.bytesPerLeadEvent();
    }

    /**
     * How many periods' running figures the index can keep beside its events within the limit, leaving a tenth
     * of it for queries and the events still to come (each kept period is estimated over every deal event).
     */
    public int keptPeriodsThatFit(DealIndex index) {
        long room = (long) (limitBytes() * 0.9) - estimatedBytes(index.eventCount(), index.leads().eventCount(), 0);
        long perPeriod = Math.max(1, index.eventCount()) * settings.bytesPerDealEventKeptPeriod();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, room / perPeriod));
    }

    /** @throws ExceededException when the index is (or was) beyond the limit: it must take no more */
    public void check(DealIndex index) {
        if (refusal != null) {
            throw new ExceededException(refusal);
        }
        long estimate = estimate(index);
        estimatedBytes = estimate;
        if (estimate > limitBytes()) {
            refuse(String.format("the in-memory index would take about %d MB (%d deal events, %d lead events, %d"
                            + " kept periods), beyond its limit of %d MB (%s of the max heap of %d MB); no more events"
                            + " are taken. Give the service more heap (-Xmx) or raise"
                            + " pipeline.forecast.memory.max-heap-fraction", estimate >> 20, index.eventCount(),
                    index.leads().eventCount(), index.keptPeriods(), limitBytes() >> 20,
                    settings.maxHeapFraction(), maxHeapBytes >> 20));
        }
    }

    /**
     * For a rebuild, which fills a second index while the serving one stays: both must fit. Beyond the limit the
     * rebuild fails, the serving index is untouched and the service keeps taking events (no refusal).
     *
     * @param serving the serving index, or null when none is loaded
     * @throws ExceededException when the two would not fit together
     */
    public void checkBeside(DealIndex serving, DealIndex building) {
        long servingBytes = serving == null ? 0 : estimate(serving);
        long buildingBytes = estimate(building);
        // the estimate is per event as measured on a test's data; what the collector could not free is the fact
        // (a 50M-event rebuild beside a 12M one filled a Serial old generation within the estimated limit)
        double survived = oldGenerationAfterCollection.getAsDouble();
        if (survived > REBUILD_OLD_GENERATION_LIMIT) {
            throw new ExceededException(String.format("a rebuilt index beside the serving one no longer fits the"
                            + " heap: %.0f%% of the old generation survived its latest collection (%d deal and %d"
                            + " lead events rebuilt so far, estimated %d MB beside %d MB); the serving version stays."
                            + " Give the service more heap (-Xmx) to rebuild", survived * 100, building.eventCount(),
                    building.leads().eventCount(), buildingBytes >> 20, servingBytes >> 20));
        }
        if (servingBytes + buildingBytes > limitBytes()) {
            throw new ExceededException(String.format("a rebuilt index beside the serving one would exceed the"
                            + " limit of %d MB: about %d MB so far (%d deal and %d lead events) beside %d MB; the"
                            + " serving version stays. Give the service more heap (-Xmx) to rebuild",
                    limitBytes() >> 20, buildingBytes >> 20, building.eventCount(), building.leads().eventCount(),
                    servingBytes >> 20));
        }
    }

    private long estimate(DealIndex index) {
        return estimatedBytes(index.eventCount(), index.leads().eventCount(), index.keptPeriods());
    }

    private synchronized void refuse(String reason) {
        if (refusal == null) {
            log.error("forecast index refused: {}", reason);
            refusal = reason;
        }
        throw new ExceededException(refusal);
    }

    public boolean refused() {
        return refusal != null;
    }

    /** Why the index was refused, or null. */
    public String refusal() {
        return refusal;
    }

    @Override
    public Health health() {
        Health.Builder health = refusal == null ? Health.up() : Health.outOfService().withDetail("reason", refusal);
        return health.withDetail("estimatedBytes", estimatedBytes).withDetail("limitBytes", limitBytes())
                .withDetail("maxHeapBytes", maxHeapBytes).build();
    }
}
