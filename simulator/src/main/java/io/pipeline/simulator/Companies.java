package io.pipeline.simulator;

import java.util.List;
import java.util.SplittableRandom;

/** Plausible company names, so that demo screens read like a real pipeline. */
final class Companies {

    private static final List<String> FIRST = List.of("Acorn", "Blue", "Cedar", "Delta", "Ember", "Falcon",
            "Granite", "Harbor", "Iris", "Juniper", "Kestrel", "Lumen", "Meridian", "Northwind", "Orchid", "Pioneer",
            "Quartz", "Redwood", "Summit", "Tidal", "Union", "Vertex", "Willow", "Zenith");
    private static final List<String> SECOND = List.of("Analytics", "Logistics", "Health", "Foods", "Systems",
            "Energy", "Retail", "Bank", "Insurance", "Manufacturing", "Media", "Pharma", "Telecom", "Travel",
            "Robotics", "Software");
    private static final List<String> FORM = List.of("Inc.", "Ltd", "GmbH", "SA", "Group", "Holdings", "AG", "LLC");

    private Companies() {
    }

    static String name(SplittableRandom random) {
        return Draws.oneOf(random, FIRST) + " " + Draws.oneOf(random, SECOND) + " " + Draws.oneOf(random, FORM);
    }
}
