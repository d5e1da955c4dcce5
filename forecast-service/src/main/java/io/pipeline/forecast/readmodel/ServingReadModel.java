package io.pipeline.forecast.readmodel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.forecast.figures.HistoryStore;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.platform.web.ProblemTypes;
import io.pipeline.platform.web.Problems;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.stereotype.Component;

/**
 * Which read-model version serves the figures, and its in-memory index once loaded. Until the index is loaded
 * (the consumer loads it before applying anything) the figures are read from the version's tables.
 */
@Component
public class ServingReadModel {

    private static final Logger log = LoggerFactory.getLogger(ServingReadModel.class);

    /** @param index null until loaded */
    public record Serving(ReadModel model, DealIndex index) {
    }

    /** Published once an index serves the figures: loaded at start-up, or a rebuilt version's after a take-over. */
    public record IndexServing(ReadModel model, DealIndex index) {
    }

    /** How often the load checks the index against the heap (a check sums counters: not on every event). */
    private static final int LOAD_CHECK_INTERVAL = 65_536;

    private final HistoryStore histories;
    private final IndexCapacity capacity;
    private final ApplicationEventPublisher events;
    private volatile Serving serving;

    public ServingReadModel(ReadModelVersions versions, HistoryStore histories, IndexCapacity capacity,
                            MeterRegistry meters, ApplicationEventPublisher events) {
        this.histories = histories;
        this.capacity = capacity;
        this.events = events;
        this.serving = new Serving(versions.serving(), null);
        Gauge.builder("pipeline.forecast.read-model.version", this, s -> s.model().version()).register(meters);
        Gauge.builder("pipeline.forecast.index.events", this, s -> s.index().map(DealIndex::eventCount).orElse(0L))
                .register(meters);
    }

    public ReadModel model() {
        return serving.model();
    }

    public Optional<DealIndex> index() {
        return Optional.ofNullable(serving.index());
    }

    /**
     * The version whose tables a figure reads while no index is loaded. Refused (a 503 problem) when the index was
     * refused for want of heap: a figure read from the tables holds every row of its scope, which is what the heap
     * could not hold.
     */
    public ReadModel unindexedModel() {
        if (capacity.refused()) {
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemTypes.SERVICE_UNAVAILABLE, "Figures unavailable", capacity.refusal()), null);
        }
        return serving.model();
    }

    /** An empty index that keeps as many periods' running figures as the heap holds beside its events. */
    public DealIndex newIndex() {
        DealIndex index = new DealIndex();
        index.limitKeptPeriods(() -> capacity.keptPeriodsThatFit(index));
        return index;
    }

    /**
     * Loads the serving version's events into a new index unless one is loaded; call before applying events.
     *
     * @throws IndexCapacity.ExceededException when the events would not fit the heap (the load stops there)
     */
    public synchronized DealIndex ensureIndexLoaded() {
        Serving current = serving;
        if (current.index() != null) {
            return current.index();
        }
        capacity.check(new DealIndex()); // once refused, not loaded again until a restart
        long start = System.nanoTime();
        DealIndex index = newIndex();
        long[] loaded = {0};
        histories.forEachDealEvent(current.model(), event -> {
            index.add(event);
            checkEvery(++loaded[0], index);
        });
        histories.forEachLeadStep(current.model(), step -> {
            index.leads().add(step);
            checkEvery(++loaded[0], index);
        });
        capacity.check(index);
        log.info("index loaded version={} deals={} events={} leads={} leadEvents={} seconds={}",
                current.model().version(), index.dealCount(), index.eventCount(), index.leads().leadCount(),
                index.leads().eventCount(), String.format("%.1f", (System.nanoTime() - start) / 1e9));
        serving = new Serving(current.model(), index);
        events.publishEvent(new IndexServing(current.model(), index));
        return index;
    }

    private void checkEvery(long loaded, DealIndex index) {
        if (loaded % LOAD_CHECK_INTERVAL == 0) {
            capacity.check(index);
        }
    }

    /**
     * Checks the serving index against the heap before it takes more events.
     *
     * @throws IndexCapacity.ExceededException when it holds as much as the heap allows
     */
    public void ensureWithinCapacity() {
        index().ifPresent(capacity::check);
    }

    /**
     * Checks that a rebuild's index, growing beside the serving one, still leaves both within the heap.
     *
     * @throws IndexCapacity.ExceededException when it does not (the rebuild fails, the service goes on)
     */
    public void ensureRoomBeside(DealIndex building) {
        capacity.checkBeside(serving.index(), building);
    }

    /** From now on the figures read {@code model} through {@code index} (both complete up to the same events). */
    public synchronized void switchTo(ReadModel model, DealIndex index) {
        serving = new Serving(model, index);
        events.publishEvent(new IndexServing(model, index));
    }
}
