package io.pipeline.lead.api;

public enum Segment {
    ENTERPRISE, MID_MARKET, SMB
}
