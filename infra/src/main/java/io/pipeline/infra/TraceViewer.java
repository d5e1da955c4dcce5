package io.pipeline.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The local stack's trace viewer ({@code --traces}): the Zipkin server's executable jar from Maven Central
 * ({@code io.zipkin:zipkin-server:exec}), keeping spans in memory. The build copies it into
 * {@code infra/target/zipkin/}; a launcher run from elsewhere finds it in the local Maven repository.
 */
final class TraceViewer implements AutoCloseable {

    static final String VERSION = "3.6.1";
    static final String JAR = "zipkin-server-exec.jar";

    private final Process process;
    private final int port;

    private TraceViewer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static TraceViewer start(Path repository, int port, Path logDirectory, Duration timeout) {
        Path jar = locate(repository).orElseThrow(() -> new IllegalStateException("--traces needs the Zipkin server"
                + " jar (io.zipkin:zipkin-server:" + VERSION + ":exec); build infra (./mvnw -q -DskipTests package)"
                + " to fetch it into infra/target/zipkin/"));
        try {
            Files.createDirectories(logDirectory);
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDirectory.resolve("zipkin.log").toFile()));
            builder.environment().put("QUERY_PORT", Integer.toString(port));
            builder.environment().put("STORAGE_TYPE", "mem");
            TraceViewer viewer = new TraceViewer(builder.start(), port);
            viewer.awaitUp(timeout);
            return viewer;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Zipkin server", e);
        }
    }

    static Optional<Path> locate(Path repository) {
        Path built = repository.resolve("infra").resolve("target").resolve("zipkin").resolve(JAR);
        Path cached = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "zipkin", "zipkin-server",
                VERSION, "zipkin-server-" + VERSION + "-exec.jar");
        return Files.isRegularFile(built) ? Optional.of(built)
                : Files.isRegularFile(cached) ? Optional.of(cached) : Optional.empty();
    }

    /** Where the services send their spans (Zipkin's v2 JSON API). */
    String spansEndpoint() {
        return "http://127.0.0.1:" + port + "/api/v2/spans";
    }

    String url() {
        return "http://localhost:" + port + "/zipkin/";
    }

    private void awaitUp(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Zipkin server exited with code " + process.exitValue()
                        + " (log: zipkin.log)");
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("The Zipkin server did not answer within " + timeout.toSeconds()
                + " s (log: zipkin.log)");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
