package io.pipeline.opportunity.web;

import io.pipeline.opportunity.api.OpenOpportunity;
import io.pipeline.opportunity.process.SalesProcess;
import io.pipeline.opportunity.process.Stage;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/opportunities")
public class OpportunityController {

    private final CommandGateway commands;
    private final Clock clock;

    public OpportunityController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping
    public ResponseEntity<Map<String, String>> open(@Valid @RequestBody OpenOpportunityRequest request, Principal principal) {
        SalesProcess process = SalesProcess.ENTERPRISE;
        Stage stage = request.stage() == null ? process.firstStage() : process.requireStage("stage", request.stage());
        String id = request.opportunityId() == null ? UUID.randomUUID().toString() : request.opportunityId();
        Instant occurredAt = request.occurredAt() == null ? clock.instant() : request.occurredAt();
        commands.sendAndWait(new OpenOpportunity(id, request.accountId(), request.name(), request.ownerId(),
                request.teamId(), request.regionId(), request.segment().name(), request.type().name(), process.id(),
                process.version(), request.amount(), request.currency(), request.closeDate(), stage.name(),
                stage.category().name(), stage.firstQualified(), request.leadId(), occurredAt, actor(principal)));
        return ResponseEntity.created(URI.create("/api/opportunities/" + id)).body(Map.of("opportunityId", id));
    }

    private static String actor(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }
}
