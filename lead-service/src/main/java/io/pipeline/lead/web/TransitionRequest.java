package io.pipeline.lead.web;

import jakarta.validation.constraints.PastOrPresent;
import java.time.Instant;

/** The body of a transition that needs nothing but its time (nurture, recycle); the body itself is optional. */
public record TransitionRequest(@PastOrPresent Instant occurredAt) {
}
