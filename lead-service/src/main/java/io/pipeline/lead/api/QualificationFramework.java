package io.pipeline.lead.api;

import java.util.List;

/** How an SDR qualified a lead, with the questions each framework answers. */
public enum QualificationFramework {
    BANT(List.of("budget", "authority", "need", "timing")),
    MEDDIC(List.of("metrics", "economicBuyer", "decisionCriteria", "decisionProcess", "pain", "champion"));

    private final List<String> questions;

    QualificationFramework(List<String> questions) {
        this.questions = questions;
    }

    public List<String> questions() {
        return questions;
    }
}
