package io.pipeline.opportunity.query;

import java.util.List;

/** One page of a list: pages count from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
