package io.pipeline.platform.security;

/**
 * Whose an item (a lead, a deal) is: what deciding who may see or change it needs.
 *
 * @param ownerId  the owning rep
 * @param teamId   the owner's team
 * @param regionId the item's region: its leader reads it
 */
public record Ownership(String ownerId, String teamId, String regionId) {
}
