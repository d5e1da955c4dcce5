package io.pipeline.forecast.web;

import io.pipeline.forecast.rebuild.RebuildProgress;
import io.pipeline.forecast.rebuild.RebuildService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilding the read model: {@code POST} starts building the next version from the beginning of the topics
 * (409 while one is being built), {@code GET} shows its progress: phase, events, events per second, lag and the
 * estimated seconds left.
 */
@RestController
@RequestMapping("/api/forecast/admin/rebuild")
public class RebuildController {

    private final RebuildService rebuild;

    public RebuildController(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    @GetMapping
    public RebuildProgress progress() {
        return rebuild.progress();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    public RebuildProgress start() {
        return rebuild.start();
    }
}
