package io.pipeline.lead.query;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * Rebuilds {@code lead_view} from the first stored event: the processor stops, its tokens go back to the start
 * (the projection's reset handler empties the table), and it runs again, replaying every event.
 */
@Component
public class LeadViewReplay {

    private final EventProcessingConfiguration processing;

    public LeadViewReplay(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public void replay() {
        StreamingEventProcessor processor = processing
                .eventProcessor(LeadViewProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor " + LeadViewProjection.PROCESSING_GROUP));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    /**
     * Whether every segment got back to where it stood when the replay began. A segment stays flagged as replaying
     * until the next new event passes it, so the flag alone would not say the rebuild is done.
     */
    public boolean finished() {
        return processing.eventProcessor(LeadViewProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(p -> !p.processingStatus().isEmpty() && p.processingStatus().values().stream()
                        .allMatch(s -> !s.isReplaying() || s.getCurrentPosition().orElse(-1)
                                >= s.getResetPosition().orElse(Long.MAX_VALUE)))
                .orElse(false);
    }
}
