package io.pipeline.opportunity.importing;

/**
 * The file shapes an import reads, with the names their columns go by (to name them in problems).
 */
public enum ImportFormat {
    /** Salesforce's Opportunity export, with its OpportunityHistory export optionally. */
    SALESFORCE("StageName", "OwnerId", "Amount", "CloseDate", "CurrencyIsoCode"),
    /** HubSpot's deals export with its stage-entry dates ({@code hs_date_entered_<stage>}). */
    HUBSPOT("dealstage", "hubspot_owner_id", "amount", "closedate", "deal_currency_code"),
    /** Our own CSV: one row per deal and one per change ({@code import-examples/deals.csv}). */
    PIPELINE("stage", "owner", "amount", "close_date", "currency");

    private final String stageColumn;
    private final String ownerColumn;
    private final String amountColumn;
    private final String closeDateColumn;
    private final String currencyColumn;

    ImportFormat(String stageColumn, String ownerColumn, String amountColumn, String closeDateColumn,
                 String currencyColumn) {
        this.currencyColumn = currencyColumn;
        this.stageColumn = stageColumn;
        this.ownerColumn = ownerColumn;
        this.amountColumn = amountColumn;
        this.closeDateColumn = closeDateColumn;
    }

    public String amountColumn() {
        return amountColumn;
    }

    public String closeDateColumn() {
        return closeDateColumn;
    }

    public String currencyColumn() {
        return currencyColumn;
    }

    public String stageColumn() {
        return stageColumn;
    }

    public String ownerColumn() {
        return ownerColumn;
    }
}
