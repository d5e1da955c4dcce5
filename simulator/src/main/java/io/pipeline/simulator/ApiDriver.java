package io.pipeline.simulator;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays a simulation through the public HTTP API (the gateway), in business-time order, each request carrying the
 * event's business time. Requests of one story (a lead, and the deal it converts into) go one after the other;
 * different stories run side by side, with at most {@code maxInFlight} requests outstanding.
 *
 * <p>A converted lead's deal is opened by opportunity-service from the LeadConverted event on Kafka, moments after
 * the convert request answered, so the first requests on such a deal are retried while it answers 404.
 */
public final class ApiDriver {

    private static final int NOT_FOUND_RETRIES = 60;
    private static final Duration NOT_FOUND_BACKOFF = Duration.ofMillis(500);
    private static final int ERRORS_PRINTED = 10;

    private final URI gateway;
    private final BearerToken token;
    private final int maxInFlight;
    private final PrintStream errors;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    /** What a drive did: requests that succeeded and failed per endpoint, and events the API records by itself. */
    public record Report(Map<String, Long> succeeded, Map<String, Long> failed, long recordedByTheServices,
                         long notYetHappened) {
        public long failures() {
            return failed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public ApiDriver(URI gateway, BearerToken token, int maxInFlight, PrintStream errors) {
        this.gateway = gateway;
        this.token = token;
        this.maxInFlight = maxInFlight;
        this.errors = errors;
    }

    /**
     * Sends the events until {@code eventsLimit} were handled or the next one lies after {@code notAfter} (the
     * lead API refuses business times in the future).
     */
    public Report drive(Iterator<Simulation.SequencedEvent> events, long eventsLimit, Instant notAfter,
                        Progress progress) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        Map<String, CompletableFuture<Void>> storyTails = new ConcurrentHashMap<>();
        Map<String, String> storyOfDeal = new ConcurrentHashMap<>();
        Map<String, AtomicLong> succeeded = new ConcurrentHashMap<>();
        Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
        AtomicInteger errorsPrinted = new AtomicInteger();
        long handled = 0;
        long byServices = 0;
        long notYet = 0;
        while (events.hasNext() && handled < eventsLimit) {
            IntegrationEvent event = events.next().event();
            if (event.occurredAt().isAfter(notAfter)) {
                notYet++;
                break;
            }
            handled++;
            Optional<ApiCall> call = ApiCall.of(event);
            if (event instanceof LeadEvent.LeadConverted converted) {
                storyOfDeal.put(converted.opportunityId(), converted.lead().leadId());
            }
            if (call.isEmpty()) {
                byServices++;
                continue;
            }
            String story = event instanceof OpportunityEvent deal
                    ? storyOfDeal.getOrDefault(deal.deal().opportunityId(), deal.deal().opportunityId())
                    : event.subject();
            inFlight.acquire();
            CompletableFuture<Void> previous = storyTails.getOrDefault(story, CompletableFuture.completedFuture(null));
            CompletableFuture<Void> next = previous
                    .thenCompose(done -> send(call.get(), event instanceof OpportunityEvent ? NOT_FOUND_RETRIES : 0, true))
                    .handle((response, error) -> {
                        inFlight.release();
                        boolean ok = error == null && response.statusCode() / 100 == 2;
                        (ok ? succeeded : failed).computeIfAbsent(call.get().endpoint(), k -> new AtomicLong())
                                .incrementAndGet();
                        if (!ok && errorsPrinted.incrementAndGet() <= ERRORS_PRINTED) {
                            errors.println("API " + call.get().method() + " " + call.get().path() + " failed: "
                                    + (error != null ? error : response.statusCode() + " " + response.body()));
                        }
                        return null;
                    });
            storyTails.put(story, next);
            // Forget a finished story's tail, unless a later request of the story already queued behind it.
            next.whenComplete((v, e) -> storyTails.remove(story, next));
            progress.update(handled);
        }
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        progress.finish(handled);
        return new Report(counts(succeeded), counts(failed), byServices, notYet);
    }

    private CompletableFuture<HttpResponse<String>> send(ApiCall call, int notFoundRetries, boolean mayRenewToken) {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(call.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", token.header())
                .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(call.body())))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            if (response.statusCode() == 401 && mayRenewToken) {
                token.expired();
                return send(call, notFoundRetries, false);
            }
            if (response.statusCode() == 404 && notFoundRetries > 0) {
                Executor later = CompletableFuture.delayedExecutor(NOT_FOUND_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
                return CompletableFuture.supplyAsync(() -> null, later)
                        .thenCompose(v -> send(call, notFoundRetries - 1, mayRenewToken));
            }
            return CompletableFuture.completedFuture(response);
        });
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> counters) {
        Map<String, Long> sorted = new TreeMap<>();
        counters.forEach((endpoint, count) -> sorted.put(endpoint, count.get()));
        return sorted;
    }
}
