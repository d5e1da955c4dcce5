package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.api.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * One import as asked for. Files not given are null; files on disk are the upload's copies, which the import
 * deletes when it ends ({@link #deleteFiles}).
 *
 * @param opportunities  SALESFORCE: the Opportunity export
 * @param history        SALESFORCE: the OpportunityHistory export (optional)
 * @param fieldHistory   SALESFORCE: the OpportunityFieldHistory export (optional)
 * @param deals          PIPELINE: our own CSV
 * @param stages         the stage mapping; required for SALESFORCE, optional for PIPELINE (own stage names)
 * @param fields         SALESFORCE: the mapping of the org's own fields to our lost reason and competitor
 *                       (optional; crm_field,field,crm_value,value)
 * @param rates          SALESFORCE: the DatedConversionRate export (optional): amounts are then converted into
 *                       the reporting currency at the rate of each change's date
 * @param owners         the owner mapping; optional where the deal rows give team and region
 * @param allOrNothing   import nothing if any row is bad
 * @param defaultSegment the segment of deals whose row and owner do not say
 * @param currency       the currency of amounts without one
 * @param actor          who asked: recorded on every event, as for a live change
 */
public record ImportRequest(ImportFormat format, CsvFile opportunities, CsvFile history, CsvFile fieldHistory, CsvFile deals,
                            CsvFile stages, CsvFile owners, CsvFile fields, CsvFile rates, boolean allOrNothing, Segment defaultSegment,
                            String currency, String actor) {

    void deleteFiles() {
        for (CsvFile file : Arrays.asList(opportunities, history, fieldHistory, deals, stages, owners, fields,
                rates)) {
            if (file != null && file.path() != null) {
                try {
                    Files.deleteIfExists(file.path());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
