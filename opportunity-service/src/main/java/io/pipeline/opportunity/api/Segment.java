package io.pipeline.opportunity.api;

public enum Segment {
    ENTERPRISE, MID_MARKET, SMB
}
