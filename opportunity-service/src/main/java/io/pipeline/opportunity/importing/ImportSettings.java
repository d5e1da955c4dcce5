package io.pipeline.opportunity.importing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param parallelism        batches of deals planned and replayed at once (each deal's commands in time order;
 *                           the appends themselves go one batch after the other)
 * @param progressEveryDeals a progress line in the log and the report stored again after this many deals ...
 * @param progressInterval   ... or after this long, whichever comes first
 * @param maxUploadSize      the largest import request (all files together), also given to
 *                           {@code pipeline.web.larger-bodies} in application.yml; other requests keep the service's
 *                           general limit ({@code pipeline.web.max-request-size})
 * @param problemsKept       problems listed in the report; beyond them only counted
 * @param batchDeals         deals planned, replayed on the aggregate in memory and appended in one transaction
 *                           together; a 1M-deal file holds only {@code parallelism} batches' plans at a time
 * @param partSize           about how much of the uploaded files is read into memory at once: the files are spread
 *                           over parts of about this size by deal ({@link DealParts}) and read one part at a time
 */
@ConfigurationProperties("pipeline.opportunity.imports")
public record ImportSettings(@DefaultValue("4") int parallelism,
                             @DefaultValue("1000") int progressEveryDeals,
                             @DefaultValue("5s") Duration progressInterval,
                             @DefaultValue("512MB") DataSize maxUploadSize,
                             @DefaultValue("1000") int problemsKept,
                             @DefaultValue("500") int batchDeals,
                             @DefaultValue("4MB") DataSize partSize) {
}
