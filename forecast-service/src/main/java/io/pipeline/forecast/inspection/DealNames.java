package io.pipeline.forecast.inspection;

import java.util.Collection;
import java.util.Map;

/** The names of deals, by id: the name after each deal's latest event; a deal without a known name is absent. */
@FunctionalInterface
public interface DealNames {

    DealNames NONE = ids -> Map.of();

    Map<String, String> of(Collection<String> dealIds);
}
