package io.pipeline.simulator;

import io.pipeline.contract.LeadEvent.Lead;
import io.pipeline.contract.OpportunityEvent.Deal;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The leads and deals a {@link LivingOrg} carries on from, as the services' lists say they stand now (read as an
 * admin, who sees everything): open, deferred and recently won deals; open, rejected and disqualified leads.
 */
public record OrgNow(List<Deal> deals, List<Lead> leads) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LEAD_STATES = List.of("CAPTURED", "NURTURING", "MQL", "SQL", "SAL", "REJECTED",
            "DISQUALIFIED");

    public OrgNow {
        deals = List.copyOf(deals);
        leads = List.copyOf(leads);
    }

    /** Reads every open and deferred deal, the deals won since {@code wonSince}, and every lead not converted. */
    public static OrgNow read(ApiDriver api, LocalDate wonSince) {
        List<Deal> deals = new ArrayList<>();
        for (String filter : List.of("status=OPEN", "status=DEFERRED", "status=WON&closeFrom=" + wonSince)) {
            pages(api, "/api/opportunities?" + filter, 500, "total").forEach(item -> deals.add(deal(item)));
        }
        List<Lead> leads = new ArrayList<>();
        for (String state : LEAD_STATES) {
            pages(api, "/api/leads?state=" + state, 200, "totalItems").forEach(item -> leads.add(lead(item)));
        }
        return new OrgNow(deals, leads);
    }

    /** How many deals and leads the lists hold: unchanged twice running, the read models have caught up. */
    public static long count(ApiDriver api) {
        return JSON.readTree(get(api, "/api/opportunities?size=1")).path("total").asLong()
                + JSON.readTree(get(api, "/api/leads?size=1")).path("totalItems").asLong();
    }

    private static List<JsonNode> pages(ApiDriver api, String path, int size, String totalField) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = JSON.readTree(get(api, path + "&size=" + size + "&page=" + page));
            body.path("items").forEach(items::add);
            if (body.path("items").isEmpty() || (long) (page + 1) * size >= body.path(totalField).asLong()) {
                return items;
            }
        }
    }

    private static String get(ApiDriver api, String path) {
        HttpResponse<String> response;
        try {
            response = api.send(new ApiCall("GET", path, null, "GET " + path)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getCause(), e.getCause());
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    private static Deal deal(JsonNode item) {
        return new Deal(text(item, "opportunityId"), text(item, "accountId"), text(item, "name"),
                text(item, "ownerId"), text(item, "teamId"), text(item, "regionId"), text(item, "segment"),
                text(item, "type"), text(item, "processId"), item.path("processVersion").asInt(),
                new BigDecimal(text(item, "amount")), text(item, "currency"), LocalDate.parse(text(item, "closeDate")),
                text(item, "stage"), text(item, "forecastCategory"), text(item, "status"),
                item.path("qualified").asBoolean());
    }

    private static Lead lead(JsonNode item) {
        return new Lead(text(item, "leadId"), text(item, "company"), text(item, "source"), text(item, "ownerId"),
                text(item, "teamId"), text(item, "regionId"), text(item, "segment"), text(item, "state"));
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
