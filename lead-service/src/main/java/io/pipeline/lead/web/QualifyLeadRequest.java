package io.pipeline.lead.web;

import io.pipeline.platform.input.FreeText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The qualification evidence: the answers of exactly one framework, BANT or MEDDIC. */
public record QualifyLeadRequest(@Valid Bant bant, @Valid Meddic meddic, @PastOrPresent Instant occurredAt) {

    public record Bant(@NotBlank @Size(max = 2000) @FreeText String budget,
                       @NotBlank @Size(max = 2000) @FreeText String authority,
                       @NotBlank @Size(max = 2000) @FreeText String need,
                       @NotBlank @Size(max = 2000) @FreeText String timing) {

        Map<String, String> answers() {
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("budget", budget);
            answers.put("authority", authority);
            answers.put("need", need);
            answers.put("timing", timing);
            return answers;
        }
    }

    public record Meddic(@NotBlank @Size(max = 2000) @FreeText String metrics,
                         @NotBlank @Size(max = 2000) @FreeText String economicBuyer,
                         @NotBlank @Size(max = 2000) @FreeText String decisionCriteria,
                         @NotBlank @Size(max = 2000) @FreeText String decisionProcess,
                         @NotBlank @Size(max = 2000) @FreeText String pain,
                         @NotBlank @Size(max = 2000) @FreeText String champion) {

        Map<String, String> answers() {
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("metrics", metrics);
            answers.put("economicBuyer", economicBuyer);
            answers.put("decisionCriteria", decisionCriteria);
            answers.put("decisionProcess", decisionProcess);
            answers.put("pain", pain);
            answers.put("champion", champion);
            return answers;
        }
    }
}
