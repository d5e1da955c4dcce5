package io.pipeline.forecast.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of the heap the in-memory index may take, and what it takes (measured: see the README's "Memory").
 *
 * @param maxHeapFraction              beyond this share of the max heap (estimated), the service stops taking
 *                                     events and reports OUT_OF_SERVICE, instead of running out of memory
 * @param bytesPerDealEvent            heap one opportunity event takes in the index
 * @param bytesPerLeadEvent            heap one lead event takes in the index
 * @param bytesPerDealEventKeptPeriod  heap each period whose running figures are kept takes, per deal event
 */
@ConfigurationProperties("pipeline.forecast.memory")
public record MemorySettings(@DefaultValue("0.7") double maxHeapFraction,
                             @DefaultValue("114") long bytesPerDealEvent,
                             @DefaultValue("105") long bytesPerLeadEvent,
                             @DefaultValue("26") long bytesPerDealEventKeptPeriod) {

    public MemorySettings {
        if (maxHeapFraction <= 0 || maxHeapFraction > 1) {
            throw new IllegalArgumentException("pipeline.forecast.memory.max-heap-fraction must be in (0, 1], not "
                    + maxHeapFraction);
        }
    }
}
