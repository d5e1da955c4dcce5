package io.pipeline.forecast.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param fiscalYearStartMonth 1 = January; a fiscal year is named by the calendar year in which it ends
 * @param reportingCurrency    the currency every figure is reported in
 * @param consumerGroup        the Kafka consumer group, also the key of the stored positions
 * @param pollTimeout          how long one poll waits for records
 * @param maxPollRecords       records applied in one database transaction at most
 * @param businessZone         the time zone in which business instants fall on dates and periods
 * @param weightedLookback     how many earlier periods the weighted forecast learns its win shares from
 * @param warmCurrentPeriods   whether the index starts the running org figures of the current fiscal quarter and
 *                             month in the background once it serves (after start-up and after a rebuilt
 *                             version takes over), so that the first query of those periods does not pay for it
 * @param consumerStuckAfter   how long the consumer may keep failing (each batch rolled back and tried again) before
 *                             its health component {@code forecastConsumer} turns DOWN
 */
@ConfigurationProperties("pipeline.forecast")
public record ForecastSettings(@DefaultValue("1") int fiscalYearStartMonth,
                               @DefaultValue("USD") String reportingCurrency,
                               @DefaultValue("forecast-service") String consumerGroup,
                               @DefaultValue("500ms") Duration pollTimeout,
                               @DefaultValue("2000") int maxPollRecords,
                               @DefaultValue("UTC") java.time.ZoneId businessZone,
                               @DefaultValue("4") int weightedLookback,
                               @DefaultValue("true") boolean warmCurrentPeriods,
                               @DefaultValue("60s") Duration consumerStuckAfter) {

    public ForecastSettings {
        if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
            throw new IllegalArgumentException("pipeline.forecast.fiscal-year-start-month must be 1..12, not "
                    + fiscalYearStartMonth);
        }
    }
}
