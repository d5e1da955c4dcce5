package io.pipeline.opportunity.web;

import io.pipeline.opportunity.process.ForecastCategory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A process definition: its open buyer stages in order (the closing stages are implied).
 *
 * @param skippingAllowed whether deals may advance past stages, not only to the next one
 */
public record SalesProcessRequest(@NotBlank @Size(max = 200) String name, boolean skippingAllowed,
                                  @NotEmpty @Size(max = 30) List<@Valid @NotNull StageDefinition> stages) {

    /** @param firstQualified the stage where a deal becomes qualified pipeline; exactly one stage has it */
    public record StageDefinition(@NotBlank @Size(max = 64) String name, @NotNull ForecastCategory category,
                                  boolean firstQualified) {
    }
}
