package io.pipeline.lead.api;

/**
 * Where a lead stands. CONVERTED is terminal; REJECTED and DISQUALIFIED are closed but can be recycled to
 * NURTURING; the other states are open.
 */
public enum LeadState {
    CAPTURED, NURTURING, MQL, SQL, SAL, CONVERTED, REJECTED, DISQUALIFIED;

    public boolean isOpen() {
        return this == CAPTURED || this == NURTURING || this == MQL || this == SQL || this == SAL;
    }

    public boolean isTerminal() {
        return this == CONVERTED;
    }
}
