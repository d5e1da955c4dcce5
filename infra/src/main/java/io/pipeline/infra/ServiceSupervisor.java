package io.pipeline.infra;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Restarts a service or Kafka broker of the local stack whose process exits without being asked to (killed, out of memory: every
 * service JVM exits on OutOfMemoryError), after a backoff that doubles while it keeps exiting soon after a start,
 * and tells each exit and each return as a status line. Production has its orchestrator for this
 * ({@code restart: unless-stopped} in the compose file).
 */
public final class ServiceSupervisor implements AutoCloseable {

    /**
     * @param first       the wait before the first restart
     * @param longest     the wait never grows beyond this
     * @param stableAfter a service that ran this long before exiting is restarted after {@code first} again
     */
    public record Backoff(Duration first, Duration longest, Duration stableAfter) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(1));

        Duration after(Duration previous) {
            Duration doubled = previous.multipliedBy(2);
            return doubled.compareTo(longest) > 0 ? longest : doubled;
        }
    }

    private final Consumer<String> status;
    private final Backoff backoff;
    private final Duration healthTimeout;
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /** Watches every service from now on; {@code healthTimeout} bounds the wait for a restarted one to be UP. */
    public ServiceSupervisor(List<? extends Supervised> services, Consumer<String> status, Backoff backoff,
                             Duration healthTimeout) {
        this.status = status;
        this.backoff = backoff;
        this.healthTimeout = healthTimeout;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(services.size() + 1, runnable -> {
            Thread thread = new Thread(runnable, "service-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = executor;
        services.forEach(service -> watch(service, backoff.first(), 0));
    }

    /** On the service's next exit: a status line and a restart after {@code wait}, unless the launcher stopped it. */
    private void watch(Supervised service, Duration wait, int restarts) {
        long startedAt = System.nanoTime();
        service.onExit().thenAccept(exited -> {
            if (closed || service.closed()) {
                return;
            }
            Duration ran = Duration.ofNanos(System.nanoTime() - startedAt);
            Duration next = ran.compareTo(backoff.stableAfter()) >= 0 ? backoff.first() : wait;
            status.accept(String.format("%s exited with code %d after %d s; restart %d in %d ms (log: %s)",
                    service.name(), exited.exitValue(), ran.toSeconds(), restarts + 1, next.toMillis(),
                    service.logName()));
            scheduler.schedule(() -> restart(service, next, restarts + 1), next.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void restart(Supervised service, Duration waited, int restarts) {
        if (closed || service.closed()) {
            return;
        }
        try {
            service.restart();
        } catch (RuntimeException e) {
            Duration next = backoff.after(waited);
            status.accept(service.name() + " could not be restarted (" + e.getMessage() + "); again in "
                    + next.toMillis() + " ms");
            scheduler.schedule(() -> restart(service, next, restarts), next.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        watch(service, backoff.after(waited), restarts);
        try {
            service.awaitUp(healthTimeout);
            status.accept(service.name() + " is up again on " + service.address() + " (restart "
                    + restarts + ")");
        } catch (IllegalStateException exitedOrSlow) {
            // an exit while starting is watched above and restarted; a slow start is still running
            if (service.isAlive()) {
                status.accept(service.name() + " restarted but not UP within " + healthTimeout.toSeconds()
                        + " s: see " + service.logName());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
    }
}
