package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.api.DealStatus;
import io.pipeline.opportunity.api.LossReason;

/** What a CRM's stage name stands for here: an open stage of a sales process, or an ending. */
public sealed interface StageTarget {

    /** @param processId the process whose stage it is; null for the deal's segment default (enterprise, smb) */
    record Open(String processId, String stage) implements StageTarget {
    }

    /** @param reason for LOST only: why, UNKNOWN when the CRM says only "lost" */
    record Closing(DealStatus outcome, LossReason reason) implements StageTarget {
    }
}
