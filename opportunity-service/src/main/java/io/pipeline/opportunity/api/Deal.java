package io.pipeline.opportunity.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A deal as it stands after an event: every event after the opening carries it whole, so a consumer of one event
 * needs no other to compute its figures. The stage is the open buyer stage, or the closing stage once closed.
 *
 * @param status OPEN, WON, LOST or DEFERRED ({@link DealStatus})
 */
public record Deal(String opportunityId, String accountId, String name, String ownerId, String teamId,
                   String regionId, String segment, String type, String processId, int processVersion,
                   BigDecimal amount, String currency, LocalDate closeDate, String stage, String forecastCategory,
                   String status, boolean qualified) {

    public static Deal opened(OpportunityOpened e) {
        return new Deal(e.opportunityId(), e.accountId(), e.name(), e.ownerId(), e.teamId(), e.regionId(),
                e.segment(), e.type(), e.processId(), e.processVersion(), e.amount(), e.currency(), e.closeDate(),
                e.stage(), e.forecastCategory(), DealStatus.OPEN.name(), e.qualified());
    }

    public Deal atStage(String newStage, String newCategory, boolean nowQualified) {
        return new Deal(opportunityId, accountId, name, ownerId, teamId, regionId, segment, type, processId,
                processVersion, amount, currency, closeDate, newStage, newCategory, status, qualified || nowQualified);
    }

    public Deal inCategory(String newCategory) {
        return atStage(stage, newCategory, false);
    }

    public Deal closingOn(LocalDate newCloseDate) {
        return new Deal(opportunityId, accountId, name, ownerId, teamId, regionId, segment, type, processId,
                processVersion, amount, currency, newCloseDate, stage, forecastCategory, status, qualified);
    }

    public Deal worth(BigDecimal newAmount, String newCurrency) {
        return new Deal(opportunityId, accountId, name, ownerId, teamId, regionId, segment, type, processId,
                processVersion, newAmount, newCurrency, closeDate, stage, forecastCategory, status, qualified);
    }

    public Deal ownedBy(String newOwnerId, String newTeamId, String newRegionId) {
        return new Deal(opportunityId, accountId, name, newOwnerId, newTeamId, newRegionId, segment, type, processId,
                processVersion, amount, currency, closeDate, stage, forecastCategory, status, qualified);
    }

    public Deal withStatus(DealStatus newStatus) {
        return new Deal(opportunityId, accountId, name, ownerId, teamId, regionId, segment, type, processId,
                processVersion, amount, currency, closeDate, stage, forecastCategory, newStatus.name(), qualified);
    }

    public DealStatus dealStatus() {
        return DealStatus.valueOf(status);
    }
}
