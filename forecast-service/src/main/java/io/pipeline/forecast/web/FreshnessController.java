package io.pipeline.forecast.web;

import io.pipeline.forecast.consumer.ReadModelFreshness;
import io.pipeline.forecast.consumer.ReadModelFreshness.Freshness;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How current the figures are ("why doesn't my forecast show the deal I just closed?"): the newest event in them,
 * when the last batch became visible, and how many events are still to be read. Every role may read it.
 */
@RestController
@RequestMapping("/api/forecast")
public class FreshnessController {

    private final ReadModelFreshness freshness;

    public FreshnessController(ReadModelFreshness freshness) {
        this.freshness = freshness;
    }

    @GetMapping("/freshness")
    public Freshness freshness() {
        return freshness.now();
    }
}
