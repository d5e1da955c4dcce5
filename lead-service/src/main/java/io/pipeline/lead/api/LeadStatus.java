package io.pipeline.lead.api;

/**
 * What a lead command answers: the lead's state and version after it, and whether it changed anything (a
 * repeated command that had already taken effect changes nothing).
 */
public record LeadStatus(String leadId, LeadState state, long version, boolean changed) {
}
