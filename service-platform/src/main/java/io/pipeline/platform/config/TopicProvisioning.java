package io.pipeline.platform.config;

import io.pipeline.contract.TopicProvisioner;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Makes sure the public topics exist, in the background: a service starts (and takes commands) while Kafka is
 * down, and the topics appear as soon as it is back.
 */
public class TopicProvisioning implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioning.class);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    private final KafkaSettings kafka;
    private volatile Thread worker;

    public TopicProvisioning(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    @Override
    public void start() {
        worker = new Thread(this::provision, "topic-provisioning");
        worker.setDaemon(true);
        worker.start();
    }

    private void provision() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TopicProvisioner.ensurePublicTopics(kafka.bootstrapServers());
                log.info("Public topics present on {}", kafka.bootstrapServers());
                return;
            } catch (RuntimeException e) {
                log.warn("Could not make sure the public topics exist on {} ({}); trying again in {}s",
                        kafka.bootstrapServers(), e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause(),
                        RETRY_EVERY.toSeconds());
                try {
                    Thread.sleep(RETRY_EVERY.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
