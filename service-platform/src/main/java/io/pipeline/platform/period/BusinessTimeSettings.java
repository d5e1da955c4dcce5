package io.pipeline.platform.period;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far a live command's business time ({@code occurredAt}) may stray from now.
 *
 * @param clockSkew            how far ahead of this server's clock a client's clock may be: a business time later
 *                             than now + skew is in the future and refused
 * @param grace                how long a fiscal quarter stays open after its end for late entries; after that it is
 *                             closed on its own (RevOps or an admin may close it earlier, or reopen it)
 * @param fiscalYearStartMonth 1 = January; the same calendar as forecast-service's
 *                             ({@code pipeline.forecast.fiscal-year-start-month})
 * @param zone                 where a quarter's dates begin and end
 */
@ConfigurationProperties("pipeline.business-time")
public record BusinessTimeSettings(@DefaultValue("PT5M") Duration clockSkew,
                                   @DefaultValue("P5D") Duration grace,
                                   @DefaultValue("1") int fiscalYearStartMonth,
                                   @DefaultValue("UTC") ZoneId zone) {

    public BusinessTimeSettings {
        if (clockSkew.isNegative() || grace.isNegative()) {
            throw new IllegalArgumentException("pipeline.business-time.clock-skew and .grace must not be negative");
        }
    }

    public static BusinessTimeSettings defaults() {
        return new BusinessTimeSettings(Duration.ofMinutes(5), Duration.ofDays(5), 1, ZoneId.of("UTC"));
    }
}
