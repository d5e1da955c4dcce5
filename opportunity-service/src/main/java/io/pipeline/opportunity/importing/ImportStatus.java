package io.pipeline.opportunity.importing;

public enum ImportStatus {
    /** Accepted, waiting for an earlier import to finish (imports run one at a time). */
    QUEUED,
    /** Reading the files and planning each deal's commands. */
    READING,
    /** Sending the deals' commands. */
    IMPORTING,
    /** Finished; the good deals went in, the problems name what did not. */
    DONE,
    /** Nothing went in: a mapping file is bad, or all-or-nothing was asked and some row is bad. */
    REJECTED,
    /** Stopped by an unexpected error (see {@code failure}); what went in before stays, a re-import completes it. */
    FAILED;

    public boolean finished() {
        return this == DONE || this == REJECTED || this == FAILED;
    }
}
