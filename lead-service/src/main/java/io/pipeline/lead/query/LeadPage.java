package io.pipeline.lead.query;

import java.util.List;

public record LeadPage(List<LeadView> items, int page, int size, long totalItems) {
}
