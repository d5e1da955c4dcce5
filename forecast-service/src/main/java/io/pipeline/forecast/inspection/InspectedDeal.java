package io.pipeline.forecast.inspection;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One deal of the period as it stands at {@code asOf}, with what changed since {@code changedSince}.
 *
 * @param name    the deal's name after its latest event; null when not known (events stored before V6)
 * @param amount  in the reporting currency at the as-of date's rates; null when its currency has no rate
 * @param changes in {@link ChangeKind} order; empty for a deal of the period that did not change
 */
public record InspectedDeal(String dealId, String name, String ownerId, String stage, String forecastCategory,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, LocalDate closeDate,
                            List<Change> changes) implements InspectionSort.Keys {

    public InspectedDeal {
        changes = List.copyOf(changes);
    }

    /** One kind of change, with the value it had at {@code changedSince} and has at {@code asOf}, as text. */
    public record Change(ChangeKind kind, String from, String to) {
    }

    InspectedDeal named(String dealName) {
        return new InspectedDeal(dealId, dealName, ownerId, stage, forecastCategory, amount, closeDate, changes);
    }
}
