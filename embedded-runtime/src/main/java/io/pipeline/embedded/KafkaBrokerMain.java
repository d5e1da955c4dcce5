package io.pipeline.embedded;

/**
 * Entry point of the broker's child JVM: Apache Kafka's own server, plus a watchdog that stops it
 * when the JVM that started it is gone.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        long parentPid = Long.parseLong(args[0]);
        Thread watchdog = new Thread(() -> {
            while (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        kafka.Kafka.main(new String[] {args[1]});
    }
}
