package io.pipeline.lead.api;

/** Where a lead came from (the lead types of DOMAIN.md); the public contract carries the same names. */
public enum LeadSource {
    INBOUND, EVENT, REFERRAL, PARTNER, TARGET_ACCOUNT, OUTBOUND, CLOSED_LOST_RECYCLED, NETWORK
}
