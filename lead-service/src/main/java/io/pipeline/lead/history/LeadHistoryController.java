package io.pipeline.lead.history;

import io.pipeline.eventsourcing.history.EventHistory;
import io.pipeline.eventsourcing.history.HistoryPage;
import io.pipeline.platform.security.PipelineUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What happened to a lead: every stored event of its stream, oldest first, with the fields each changed and the
 * qualification evidence. Read from the event store; the same visibility as the lead itself.
 */
@RestController
@RequestMapping("/api/leads")
public class LeadHistoryController {

    private final EventHistory history;

    public LeadHistoryController(EventHistory history) {
        this.history = history;
    }

    @GetMapping("/{leadId}/history")
    public HistoryPage history(@PathVariable String leadId,
                               @RequestParam(defaultValue = "0") @Min(0) int page,
                               @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                               PipelineUser user) {
        return history.page(leadId, page, size, user, LeadHistoryReading.INSTANCE);
    }
}
