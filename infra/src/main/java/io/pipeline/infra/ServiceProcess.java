package io.pipeline.infra;

import io.pipeline.embedded.ParentWatchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One service running from its packaged jar in a JVM of its own, logging to a file, stopped with the launcher
 * (also when the launcher is killed: the child runs under {@link ParentWatchdog}).
 */
public final class ServiceProcess implements AutoCloseable, Supervised {

    /**
     * What to run: the service's name, its jar, its HTTP port, the environment it reads its settings from, and its
     * maximum heap (a JVM option, {@link #maxHeap(String)} unless the launcher was told another).
     */
    public record Spec(String name, Path jar, int port, Map<String, String> environment, String maxHeap) {
        public Spec(String name, Path jar, int port, Map<String, String> environment) {
            this(name, jar, port, environment, ServiceProcess.maxHeap(name));
        }

        Spec withMaxHeapMegabytes(long megabytes) {
            return new Spec(name, jar, port, environment, "-Xmx" + megabytes + "m");
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * What every service JVM runs with. A JVM out of memory exits at once (and is restarted) instead of lingering,
     * answering nothing.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-XX:+ExitOnOutOfMemoryError");

    /**
     * The collector: the serial one suits the stateless services' small heaps on two shared cores; forecast-service
     * holds its whole index in the heap (14 GB at a 1M-deal org), which the serial collector compacts in one pause
     * of 45 s and more once the old generation fills, so it runs G1, which collects the old generation beside it.
     * G1 aims at pauses of 50 ms there (its default aim, 200 ms, let the young generation grow to 600 MB, whose
     * collection copied what the index load and warm-up had just built in one pause of 0.6-1.2 s, under a user's
     * query): it sizes the young generation to the aim. Its warm-up ends with {@code System.gc()}, which this JVM
     * runs as a concurrent cycle, so that the pause copying what the load built is taken then, not under a query.
     */
    static List<String> collector(String service) {
        return service.startsWith("forecast-service")
                ? List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50", "-XX:+ExplicitGCInvokesConcurrent")
                : List.of("-XX:+UseSerialGC");
    }

    /**
     * Heap per service. forecast-service holds every deal and lead event in its in-memory index (about 114 bytes
     * per deal event, 105 per lead event, 26 per deal event and kept period: see its README): 1 GB holds the
     * 100,000 deals and 3M events of a mid-size org's 18 months with room for queries; the others hold no state.
     */
    static final long FORECAST_HEAP_MEGABYTES = 1024;

    static String maxHeap(String service) {
        return service.startsWith("forecast-service") ? "-Xmx" + FORECAST_HEAP_MEGABYTES + "m" : "-Xmx512m";
    }

    /** What the JVM runs: the class path and main class (the service's boot jar, or a stand-in in tests). */
    record Entry(Path classPath, String mainClass) {
        static Entry bootJar(Path jar) {
            return new Entry(jar, "org.springframework.boot.loader.launch.JarLauncher");
        }
    }

    private final Spec spec;
    private final Entry entry;
    private final Path log;
    private volatile Process process;
    private volatile boolean closed;

    private ServiceProcess(Spec spec, Entry entry, Path log) {
        this.spec = spec;
        this.entry = entry;
        this.log = log;
    }

    public static ServiceProcess start(Spec spec, Path logDirectory) {
        if (!Files.isRegularFile(spec.jar())) {
            throw new IllegalStateException("No jar for " + spec.name() + " at " + spec.jar()
                    + ". Build the services first: ./mvnw -q -DskipTests package");
        }
        return start(spec, logDirectory, Entry.bootJar(spec.jar()));
    }

    static ServiceProcess start(Spec spec, Path logDirectory, Entry entry) {
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + logDirectory, e);
        }
        ServiceProcess service = new ServiceProcess(spec, entry, logDirectory.resolve(spec.name() + ".log"));
        service.process = service.launch();
        return service;
    }

    private Process launch() {
        try {
            String watchdogJar = Path.of(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.addAll(collector(spec.name()));
            command.add(spec.maxHeap());
            command.addAll(List.of("-cp", entry.classPath() + java.io.File.pathSeparator + watchdogJar,
                    ParentWatchdog.class.getName(), Long.toString(ProcessHandle.current().pid()), entry.mainClass()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(spec.environment());
            builder.environment().put("SERVER_PORT", Integer.toString(spec.port()));
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + spec.name(), e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String address() {
        return spec.url();
    }

    @Override
    public String logName() {
        return log.getFileName().toString();
    }

    @Override
    public void awaitUp(Duration timeout) {
        awaitHealthy(timeout);
    }

    /** Starts the service again, with the same command and log, once its process has exited. */
    @Override
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException(spec.name() + " is stopped");
        }
        if (process.isAlive()) {
            throw new IllegalStateException(spec.name() + " is still running");
        }
        process = launch();
    }

    /** Completes when the current process exits (a restarted service has a new one). */
    @Override
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Whether the launcher stopped the service (then its exit is no reason to restart it). */
    @Override
    public boolean closed() {
        return closed;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the service's health endpoint answers UP; fails with the tail of its log if it dies or hangs. */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(spec.url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            Process process = this.process;
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue()
                        + " while starting. Last lines of " + log + ":\n" + tail(40));
            }
            try {
                HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + spec.name());
            }
            sleepQuietly(250);
        }
        throw new IllegalStateException(spec.name() + " did not report UP within " + timeout.toSeconds()
                + " s. Last lines of " + log + ":\n" + tail(40));
    }

    public Spec spec() {
        return spec;
    }

    public Path log() {
        return log;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        Process process;
        synchronized (this) { // no restart after this
            closed = true;
            process = this.process;
        }
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: Spring's graceful shutdown
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
