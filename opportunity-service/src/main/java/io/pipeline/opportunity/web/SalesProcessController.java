package io.pipeline.opportunity.web;

import io.pipeline.platform.web.EntityTags;
import io.pipeline.opportunity.process.ForecastCategory;
import io.pipeline.opportunity.process.JdbcSalesProcessCatalog;
import io.pipeline.opportunity.process.SalesProcess;
import io.pipeline.opportunity.process.Stage;
import io.pipeline.platform.problem.InvalidFieldException;
import io.pipeline.platform.problem.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sales processes. A PUT stores a new version (201) unless the latest one already says the same (200); versions
 * are never changed, so deals opened in an earlier version keep the stages they were opened with.
 */
@RestController
@RequestMapping("/api/sales-processes")
public class SalesProcessController {

    private static final Set<String> CLOSING_STAGES = Set.of(Stage.CLOSED_WON.name().toLowerCase(Locale.ROOT),
            Stage.CLOSED_LOST.name().toLowerCase(Locale.ROOT), Stage.CLOSED_DEFERRED.name().toLowerCase(Locale.ROOT));

    private final JdbcSalesProcessCatalog catalog;

    public SalesProcessController(JdbcSalesProcessCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    public List<SalesProcess> latestVersions() {
        return catalog.allLatest();
    }

    @GetMapping("/{id}")
    public ResponseEntity<SalesProcess> latest(@PathVariable String id) {
        SalesProcess process = catalog.latest(id).orElseThrow(() -> new NotFoundException("sales process", id));
        return ResponseEntity.ok().eTag(EntityTags.etag(process.version())).body(process);
    }

    @GetMapping("/{id}/versions")
    public List<SalesProcess> versions(@PathVariable String id) {
        List<SalesProcess> versions = catalog.versionsOf(id);
        if (versions.isEmpty()) {
            throw new NotFoundException("sales process", id);
        }
        return versions;
    }

    @GetMapping("/{id}/versions/{version}")
    public SalesProcess version(@PathVariable String id, @PathVariable int version) {
        return catalog.version(id, version)
                .orElseThrow(() -> new NotFoundException("sales process", id + " v" + version));
    }

    @PutMapping("/{id}")
    @ApiResponse(responseCode = "201", description = "A new version of the process was stored")
    @ApiResponse(responseCode = "200", description = "The latest version already says this: nothing was stored")
    public ResponseEntity<SalesProcess> define(
            @PathVariable @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be 1-64 lower-case letters, digits or -")
            String id,
            @Valid @RequestBody SalesProcessRequest request) {
        List<Stage> stages = request.stages().stream()
                .map(s -> new Stage(s.name().trim(), s.category(), s.firstQualified())).toList();
        checkStages(stages);
        int before = catalog.latest(id).map(SalesProcess::version).orElse(0);
        SalesProcess stored;
        try {
            stored = catalog.storeNewVersion(id, request.name(), request.skippingAllowed(), stages);
        } catch (DuplicateKeyException concurrentFirstVersion) {
            stored = catalog.storeNewVersion(id, request.name(), request.skippingAllowed(), stages);
        }
        HttpStatus status = stored.version() > before ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).eTag(EntityTags.etag(stored.version()))
                .location(URI.create("/api/sales-processes/" + id + "/versions/" + stored.version())).body(stored);
    }

    private static void checkStages(List<Stage> stages) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            String field = "stages[" + i + "]";
            String name = stage.name().toLowerCase(Locale.ROOT);
            if (!names.add(name)) {
                throw new InvalidFieldException(field + ".name", "'" + stage.name() + "' appears twice");
            }
            if (CLOSING_STAGES.contains(name)) {
                throw new InvalidFieldException(field + ".name", "closing stages are implied; list open stages only");
            }
            if (stage.category() == ForecastCategory.CLOSED || stage.category() == ForecastCategory.OMITTED) {
                throw new InvalidFieldException(field + ".category", "an open stage counts as PIPELINE, BEST_CASE or COMMIT");
            }
        }
        if (stages.stream().filter(Stage::firstQualified).count() != 1) {
            throw new InvalidFieldException("stages", "exactly one stage must be marked firstQualified");
        }
    }
}
