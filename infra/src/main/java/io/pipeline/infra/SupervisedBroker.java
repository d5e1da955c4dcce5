package io.pipeline.infra;

import io.pipeline.embedded.KafkaBroker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A Kafka broker of the local stack's cluster, as {@link ServiceSupervisor} restarts it. */
record SupervisedBroker(KafkaBroker broker) implements Supervised {

    @Override
    public String name() {
        return "kafka-" + broker.nodeId();
    }

    @Override
    public String address() {
        return broker.bootstrapServers();
    }

    @Override
    public String logName() {
        return broker.logFile().getParent().getFileName() + "/" + broker.logFile().getFileName();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return broker.onExit();
    }

    @Override
    public void restart() {
        broker.restart();
    }

    @Override
    public void awaitUp(Duration timeout) {
        broker.awaitReady(timeout);
    }

    @Override
    public boolean closed() {
        return broker.closed();
    }

    @Override
    public boolean isAlive() {
        return broker.isAlive();
    }
}
