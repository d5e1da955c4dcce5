package io.pipeline.lead.web;

final class LeadIds {

    static final String PATTERN = "[A-Za-z0-9._:-]{1,64}";
    static final String MESSAGE = "must be 1-64 letters, digits or . _ : -";

    private LeadIds() {
    }
}
