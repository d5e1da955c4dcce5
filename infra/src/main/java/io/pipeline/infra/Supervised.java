package io.pipeline.infra;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A process of the local stack that {@link ServiceSupervisor} restarts when it exits unasked: a service or a broker. */
interface Supervised {

    /** How status lines name it: {@code forecast-service-2}, {@code kafka-3}. */
    String name();

    /** Where it answers, for the status line of its return. */
    String address();

    /** Its log file's name, for the status line of its exit. */
    String logName();

    /** Completes when the current process exits (a restarted one has a new process). */
    CompletableFuture<Process> onExit();

    /** Starts it again with the same command, configuration and data, once its process has exited. */
    void restart();

    /** Waits until it serves again; fails if it exits or stays unready past {@code timeout}. */
    void awaitUp(Duration timeout);

    /** Whether the launcher stopped it (then its exit is no reason to restart it). */
    boolean closed();

    boolean isAlive();
}
