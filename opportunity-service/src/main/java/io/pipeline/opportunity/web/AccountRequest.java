package io.pipeline.opportunity.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** @param accountId optional; a client that chooses it can retry safely */
public record AccountRequest(
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "must be 1-64 letters, digits or . _ : -") String accountId,
        @NotBlank @Size(max = 200) String name) {
}
