package io.pipeline.opportunity.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.Consumer;

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

    /**
     * The one copy: this deal with what {@code changes} sets, every other field as it is. Only what a deal's life
     * can change is settable: its id, account, name, segment, type and sales process are fixed at the opening.
     */
    public Deal with(Consumer<Changes> changes) {
        Changes copy = new Changes(this);
        changes.accept(copy);
        return new Deal(opportunityId, accountId, name, copy.ownerId, copy.teamId, copy.regionId, segment, type,
                processId, processVersion, copy.amount, copy.currency, copy.closeDate, copy.stage,
                copy.forecastCategory, copy.status, copy.qualified);
    }

    public DealStatus dealStatus() {
        return DealStatus.valueOf(status);
    }

    /** The changeable fields of a deal being copied, set one by one ({@link #with}). */
    public static final class Changes {

        private String ownerId;
        private String teamId;
        private String regionId;
        private BigDecimal amount;
        private String currency;
        private LocalDate closeDate;
        private String stage;
        private String forecastCategory;
        private String status;
        private boolean qualified;

        private Changes(Deal deal) {
            this.ownerId = deal.ownerId;
            this.teamId = deal.teamId;
            this.regionId = deal.regionId;
            this.amount = deal.amount;
            this.currency = deal.currency;
            this.closeDate = deal.closeDate;
            this.stage = deal.stage;
            this.forecastCategory = deal.forecastCategory;
            this.status = deal.status;
            this.qualified = deal.qualified;
        }

        public Changes owner(String newOwnerId, String newTeamId, String newRegionId) {
            this.ownerId = newOwnerId;
            this.teamId = newTeamId;
            this.regionId = newRegionId;
            return this;
        }

        public Changes amount(BigDecimal newAmount, String newCurrency) {
            this.amount = newAmount;
            this.currency = newCurrency;
            return this;
        }

        public Changes closeDate(LocalDate newCloseDate) {
            this.closeDate = newCloseDate;
            return this;
        }

        /** A stage comes with its category; {@code nowQualified} only ever adds: a deal once qualified stays so. */
        public Changes stage(String newStage, String newCategory, boolean nowQualified) {
            this.stage = newStage;
            this.forecastCategory = newCategory;
            this.qualified = qualified || nowQualified;
            return this;
        }

        public Changes forecastCategory(String newCategory) {
            this.forecastCategory = newCategory;
            return this;
        }

        public Changes status(DealStatus newStatus) {
            this.status = newStatus.name();
            return this;
        }
    }
}
