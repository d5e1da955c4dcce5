package io.pipeline.forecast.plan;

import io.pipeline.contract.EventRecords;
import io.pipeline.contract.PlanEvent;
import io.pipeline.forecast.config.PlanSettings;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.web.CorrelationIdFilter;
import io.pipeline.platform.web.ProblemTypes;
import io.pipeline.platform.web.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Records a change of the plan or a forecast call: sends it to {@link io.pipeline.contract.Topics#PLAN} (acks=all,
 * idempotent), then waits until this instance's {@link PlanTopic} applied it, so the request's answer (and the
 * caller's next read from this instance) already shows it. Every other instance applies it from the topic too.
 * Kafka not taking it, or not applying it in time, is a 503 problem saying which: nothing is half-written here.
 */
public class PlanChanges implements AutoCloseable {

    /** Placements per event of a large org chart: each event stays far below Kafka's 1 MB record limit. */
    public static final int PLACEMENTS_PER_EVENT = 5_000;

    private final PlanSettings settings;
    private final PlanTopic applied;
    private final EventRecords records = new EventRecords("/forecast-service");
    private final KafkaProducer<String, byte[]> producer;

    public PlanChanges(KafkaSettings kafka, PlanSettings settings, PlanTopic applied) {
        this.settings = settings;
        this.applied = applied;
        int timeoutMs = (int) settings.sendTimeout().toMillis();
        this.producer = kafka.clients().producer("forecast-plan", Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 1_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    public void record(PlanEvent change) {
        record(List.of(change));
    }

    /** Sends the changes in their order and waits until the last one is applied here (so all of them are). */
    public void record(List<? extends PlanEvent> changes) {
        if (changes.isEmpty()) {
            return;
        }
        String correlation = MDC.get(CorrelationIdFilter.MDC_KEY);
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        long last = -1;
        try {
            for (PlanEvent change : changes) {
                sends.add(producer.send(records.toRecord(change, UUID.randomUUID().toString(), 0, correlation)));
            }
            long deadline = System.nanoTime() + settings.sendTimeout().plusSeconds(2).toNanos();
            for (Future<RecordMetadata> send : sends) {
                last = send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).offset();
            }
            if (applied.awaitApplied(last, settings.applyTimeout())) {
                return;
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw unavailable("Kafka did not take the change (" + (e.getCause() == null ? e : e.getCause())
                    + "); it may or may not be recorded: read it back before sending it again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while recording the change; read it back before sending it again");
        }
        throw unavailable("the change is recorded (pipeline.plan.v1@" + last + ") but not yet applied by this"
                + " instance within " + settings.applyTimeout().toSeconds() + " s (health component 'plan' says why);"
                + " it shows once applied: do not send it again");
    }

    private static ErrorResponseException unavailable(String detail) {
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.SERVICE_UNAVAILABLE, "Plan change not applied", detail), null);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
