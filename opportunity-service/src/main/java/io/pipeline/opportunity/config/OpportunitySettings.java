package io.pipeline.opportunity.config;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param reportingCurrency   the currency every conversion rate converts to
 * @param businessZone        where the business date of a close is taken (closing sets the close date to it)
 * @param leadConversions     the consumer that opens a deal for each converted lead
 * @param readModelBatchSize  events per transaction of the read-model processor
 */
@ConfigurationProperties("pipeline.opportunity")
public record OpportunitySettings(@DefaultValue("USD") String reportingCurrency,
                                  @DefaultValue("UTC") ZoneId businessZone,
                                  @DefaultValue LeadConversions leadConversions,
                                  @DefaultValue("100") int readModelBatchSize) {

    /**
     * @param enabled        false in tests that do not need it
     * @param groupId        the consumer group; its committed offsets are where a restart resumes (every instance
     *                       of the service shares it, so the partitions are split between them)
     * @param concurrency    consumers in this instance (at most the topic's partitions are busy)
     * @param initialBackOff the first pause before a failed record is tried again; it doubles up to maxBackOff
     * @param maxBackOff     the longest pause between two attempts (below the consumer's max.poll.interval)
     * @param maxAttempts    0: a failing record is retried until it succeeds; otherwise it is parked after that
     *                       many attempts
     * @param stuckAfter     how long one record may keep failing before the health component turns DOWN
     */
    public record LeadConversions(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("opportunity-service-lead-conversions") String groupId,
                                  @DefaultValue("1") int concurrency,
                                  @DefaultValue("500ms") Duration initialBackOff,
                                  @DefaultValue("30s") Duration maxBackOff,
                                  @DefaultValue("0") int maxAttempts,
                                  @DefaultValue("2m") Duration stuckAfter) {
    }
}
