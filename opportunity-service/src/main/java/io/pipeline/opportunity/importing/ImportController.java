package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.api.Segment;
import io.pipeline.platform.problem.InvalidFieldException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import io.pipeline.platform.security.PipelineUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CRM imports. The files come as {@code multipart/form-data} parts; the import runs in the background and
 * {@code GET /api/imports/{id}} follows it. Admin only: the security configuration restricts {@value #PATH}/**
 * to the admin role (this controller does not check roles itself, as no controller here does).
 */
@RestController
@RequestMapping(ImportController.PATH)
public class ImportController {

    public static final String PATH = "/api/imports";

    private final CrmImporter importer;

    public ImportController(CrmImporter importer) {
        this.importer = importer;
    }

    /**
     * @param format         SALESFORCE (parts {@code opportunities}, optional {@code history} and
     *                       {@code fieldHistory}) or PIPELINE (part
     *                       {@code deals}); both take {@code stages} (required for SALESFORCE), {@code owners} and
     *                       {@code rates} (DatedConversionRate), SALESFORCE also {@code fields} (its own fields)
     * @param allOrNothing   import nothing when any row is bad
     * @param defaultSegment for deals whose row and owner mapping give none
     * @param currency       for amounts without a currency
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED) // what the ResponseEntity answers; springdoc documents this, not 200
    public ResponseEntity<ImportReport> start(@RequestParam String format,
                                              @RequestPart(required = false) MultipartFile opportunities,
                                              @RequestPart(required = false) MultipartFile history,
                                              @RequestPart(required = false) MultipartFile fieldHistory,
                                              @RequestPart(required = false) MultipartFile deals,
                                              @RequestPart(required = false) MultipartFile stages,
                                              @RequestPart(required = false) MultipartFile owners,
                                              @RequestPart(required = false) MultipartFile fields,
                                              @RequestPart(required = false) MultipartFile rates,
                                              @RequestParam(defaultValue = "false") boolean allOrNothing,
                                              @RequestParam(defaultValue = "ENTERPRISE") String defaultSegment,
                                              @RequestParam(defaultValue = "USD") String currency,
                                              PipelineUser user) {
        ImportFormat importFormat = choice(ImportFormat.class, "format", format);
        switch (importFormat) {
            case SALESFORCE -> {
                require(opportunities, "opportunities", "the Salesforce Opportunity export");
                require(stages, "stages", "the stage mapping (crm_stage,process,stage,reason)");
            }
            case HUBSPOT -> {
                require(deals, "deals", "the HubSpot deals export");
                require(stages, "stages", "the stage mapping (crm_stage,process,stage,reason)");
            }
            case PIPELINE -> require(deals, "deals", "the deals and their changes");
        }
        if (!currency.matches("[A-Z]{3}")) {
            throw new InvalidFieldException("currency", "must be an ISO 4217 code such as USD");
        }
        ImportReport queued = importer.start(new ImportRequest(importFormat, file(opportunities), file(history),
                file(fieldHistory), file(deals), file(stages), file(owners), file(fields), file(rates), allOrNothing,
                choice(Segment.class, "defaultSegment", defaultSegment), currency,
                user.id()));
        return ResponseEntity.accepted().location(URI.create(PATH + "/" + queued.importId())).body(queued);
    }

    @GetMapping("/{id}")
    public ImportReport report(@PathVariable String id) {
        return importer.report(id);
    }

    private static void require(MultipartFile file, String part, String what) {
        if (file == null || file.isEmpty()) {
            throw new InvalidFieldException(part, "required: " + what);
        }
    }

    /**
     * The part moves to a temporary file of the import's own (the upload's is gone once this request ends, the
     * import is not), never into the heap: a 1.8 GB export goes from the socket to disk and is then read in parts
     * ({@link DealParts}). The import deletes it when it ends.
     */
    private static CsvFile file(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        try {
            Path copy = Files.createTempFile("crm-import-upload-", ".csv");
            file.transferTo(copy);
            return new CsvFile(file.getOriginalFilename() == null ? file.getName() : file.getOriginalFilename(),
                    copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, String value) {
        try {
            return Cells.choice(type, value);
        } catch (Cells.BadCell bad) {
            throw new InvalidFieldException(field, bad.getMessage());
        }
    }
}
