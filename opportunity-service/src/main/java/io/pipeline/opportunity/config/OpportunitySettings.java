package io.pipeline.opportunity.config;

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
     * @param enabled false in tests that do not need it
     * @param groupId the consumer group; its committed offsets are where a restart resumes
     */
    public record LeadConversions(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("opportunity-service-lead-conversions") String groupId) {
    }
}
