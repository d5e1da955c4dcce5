package io.pipeline.lead.web;

import io.pipeline.lead.query.LeadViewProjection;
import io.pipeline.lead.query.LeadViewReplay;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the read model: a rebuild from the event store after a projection change or a damaged table. */
@RestController
@RequestMapping("/api/admin/read-models/leads")
public class ReadModelAdminController {

    private final LeadViewReplay replay;

    public ReadModelAdminController(LeadViewReplay replay) {
        this.replay = replay;
    }

    /** Starts the replay and answers at once; reads show the rebuilt rows as the replay reaches them. */
    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED) // what the ResponseEntity answers; springdoc documents this, not 200
    public ResponseEntity<Map<String, String>> replay() {
        replay.replay();
        return ResponseEntity.accepted().body(Map.of("processor", LeadViewProjection.PROCESSING_GROUP,
                "status", "replaying"));
    }
}
