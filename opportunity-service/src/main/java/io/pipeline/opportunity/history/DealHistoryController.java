package io.pipeline.opportunity.history;

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
 * What happened to a deal: every stored event of its stream, oldest first, with the fields each changed. Read from
 * the event store, so a change shows as soon as its command answered; the same visibility as the deal itself.
 */
@RestController
@RequestMapping("/api/opportunities")
public class DealHistoryController {

    private final EventHistory history;

    public DealHistoryController(EventHistory history) {
        this.history = history;
    }

    @GetMapping("/{id}/history")
    public HistoryPage history(@PathVariable String id,
                               @RequestParam(defaultValue = "0") @Min(0) int page,
                               @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                               PipelineUser user) {
        return history.page(id, page, size, user, DealHistoryReading.INSTANCE);
    }
}
