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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
import java.util.stream.Stream;
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
    private static final int THROTTLED_RETRIES = 20;
    private static final int ERRORS_PRINTED = 10;
    /** Below the gateway's default 100 requests a second per caller, with room for a person using the same user. */
    public static final int DEFAULT_REQUESTS_PER_SECOND = 80;

    private final URI gateway;
    private final BearerToken token;
    private final int maxInFlight;
    private final PrintStream errors;
    private final Pacer pacer;
    private final AtomicLong throttled = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * What a drive did: requests that succeeded and failed per endpoint, events the API records by itself, and how
     * often the gateway answered 429 (each such request was sent again after its {@code Retry-After}).
     */
    public record Report(Map<String, Long> succeeded, Map<String, Long> failed, long recordedByTheServices,
                         long notYetHappened, long throttled) {
        public long failures() {
            return failed.values().stream().mapToLong(Long::longValue).sum();
        }

        public long successes() {
            return succeeded.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public ApiDriver(URI gateway, BearerToken token, int maxInFlight, PrintStream errors) {
        this(gateway, token, maxInFlight, DEFAULT_REQUESTS_PER_SECOND, errors);
    }

    /** @param requestsPerSecond the pace the driver keeps, so the gateway's per-caller limit never answers 429 */
    public ApiDriver(URI gateway, BearerToken token, int maxInFlight, int requestsPerSecond, PrintStream errors) {
        this.gateway = gateway;
        this.token = token;
        this.maxInFlight = maxInFlight;
        this.errors = errors;
        this.pacer = new Pacer(requestsPerSecond);
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
        Tally tally = new Tally();
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
                        tally.count(call.get(), response, error);
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
        return tally.report(byServices, notYet, throttled.get());
    }

    /**
     * Plays whole stories, {@code maxInFlight} of them side by side, each one request after the other, in the order
     * given (e.g. {@link Simulation#storiesLatestFirst()}); events after {@code notAfter} have not happened yet and
     * are left out. Progress counts requests.
     */
    public Report drive(Stream<Simulation.Story> stories, Instant notAfter, Progress progress)
            throws InterruptedException {
        Semaphore storiesInFlight = new Semaphore(maxInFlight);
        Tally tally = new Tally();
        AtomicLong sent = new AtomicLong();
        long byServices = 0;
        long notYet = 0;
        for (Iterator<Simulation.Story> it = stories.iterator(); it.hasNext(); ) {
            List<ApiCall> calls = new ArrayList<>();
            for (IntegrationEvent event : it.next().events()) {
                if (event.occurredAt().isAfter(notAfter)) {
                    notYet++;
                    continue;
                }
                Optional<ApiCall> call = ApiCall.of(event);
                if (call.isPresent()) {
                    calls.add(call.get());
                } else {
                    byServices++;
                }
            }
            if (calls.isEmpty()) {
                continue;
            }
            storiesInFlight.acquire();
            CompletableFuture<Void> story = CompletableFuture.completedFuture(null);
            for (ApiCall call : calls) {
                story = story.thenCompose(done -> send(call).handle((response, error) -> {
                    tally.count(call, response, error);
                    progress.update(sent.incrementAndGet());
                    return null;
                }));
            }
            story.whenComplete((done, error) -> storiesInFlight.release());
        }
        storiesInFlight.acquire(maxInFlight);
        storiesInFlight.release(maxInFlight);
        progress.finish(sent.get());
        return tally.report(byServices, notYet, throttled.get());
    }

    /** Sends requests that do not depend on each other (a plan's settings), {@code maxInFlight} at a time. */
    public Report sendAll(Stream<ApiCall> calls, Progress progress) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        Tally tally = new Tally();
        AtomicLong sent = new AtomicLong();
        for (Iterator<ApiCall> it = calls.iterator(); it.hasNext(); ) {
            ApiCall call = it.next();
            inFlight.acquire();
            send(call).whenComplete((response, error) -> {
                tally.count(call, response, error);
                progress.update(sent.incrementAndGet());
                inFlight.release();
            });
        }
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        progress.finish(sent.get());
        return tally.report(0, 0, throttled.get());
    }

    /**
     * Sends one request at the driver's pace, renewing the token and waiting out 429 as a drive does; a change of a
     * deal is retried while it answers 404, since opportunity-service opens a converted lead's deal moments later.
     */
    public CompletableFuture<HttpResponse<String>> send(ApiCall call) {
        boolean dealChange = !"GET".equals(call.method()) && call.path().startsWith("/api/opportunities/");
        return send(call, dealChange ? NOT_FOUND_RETRIES : 0, true);
    }

    private CompletableFuture<HttpResponse<String>> send(ApiCall call, int notFoundRetries, boolean mayRenewToken) {
        return send(call, notFoundRetries, mayRenewToken, THROTTLED_RETRIES);
    }

    private CompletableFuture<HttpResponse<String>> send(ApiCall call, int notFoundRetries, boolean mayRenewToken,
                                                         int throttledRetries) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(call.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", token.header());
        if (call.body() == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(call.method(),
                    HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(call.body())));
        }
        return later(pacer.delayNanos(), TimeUnit.NANOSECONDS)
                .thenCompose(v -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()))
                .thenCompose(response -> {
                    if (response.statusCode() == 401 && mayRenewToken) {
                        token.expired();
                        return send(call, notFoundRetries, false, throttledRetries);
                    }
                    if (response.statusCode() == 429 && throttledRetries > 0) {
                        throttled.incrementAndGet();
                        long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                        return later(Math.max(1, seconds), TimeUnit.SECONDS)
                                .thenCompose(v -> send(call, notFoundRetries, mayRenewToken, throttledRetries - 1));
                    }
                    if (response.statusCode() == 404 && notFoundRetries > 0) {
                        return later(NOT_FOUND_BACKOFF.toMillis(), TimeUnit.MILLISECONDS)
                                .thenCompose(v -> send(call, notFoundRetries - 1, mayRenewToken, throttledRetries));
                    }
                    return CompletableFuture.completedFuture(response);
                });
    }

    private static CompletableFuture<Void> later(long delay, TimeUnit unit) {
        if (delay <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        Executor executor = CompletableFuture.delayedExecutor(delay, unit);
        return CompletableFuture.runAsync(() -> { }, executor);
    }

    /** Successes and failures per endpoint, and the first failures printed. */
    private final class Tally {
        private final Map<String, AtomicLong> succeeded = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
        private final AtomicInteger errorsPrinted = new AtomicInteger();

        void count(ApiCall call, HttpResponse<String> response, Throwable error) {
            boolean ok = error == null && response.statusCode() / 100 == 2;
            (ok ? succeeded : failed).computeIfAbsent(call.endpoint(), k -> new AtomicLong()).incrementAndGet();
            if (!ok && errorsPrinted.incrementAndGet() <= ERRORS_PRINTED) {
                errors.println("API " + call.method() + " " + call.path() + " failed: "
                        + (error != null ? error : response.statusCode() + " " + response.body()));
            }
        }

        Report report(long byServices, long notYet, long throttledRequests) {
            return new Report(counts(succeeded), counts(failed), byServices, notYet, throttledRequests);
        }

        private static Map<String, Long> counts(Map<String, AtomicLong> counters) {
            Map<String, Long> sorted = new TreeMap<>();
            counters.forEach((endpoint, count) -> sorted.put(endpoint, count.get()));
            return sorted;
        }
    }

    /** Spaces requests evenly at a rate: each caller learns how long to wait for its slot. */
    private static final class Pacer {
        private final long intervalNanos;
        private long nextSlot = System.nanoTime();

        Pacer(int perSecond) {
            if (perSecond < 1) {
                throw new IllegalArgumentException("requests per second must be at least 1, not " + perSecond);
            }
            this.intervalNanos = 1_000_000_000L / perSecond;
        }

        synchronized long delayNanos() {
            long now = System.nanoTime();
            nextSlot = Math.max(nextSlot, now);
            long delay = nextSlot - now;
            nextSlot += intervalNanos;
            return delay;
        }
    }
}
