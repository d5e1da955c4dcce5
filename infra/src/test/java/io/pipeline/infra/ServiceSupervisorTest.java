package io.pipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.embedded.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A service process the launcher started ({@link ServiceProcess}, the same command and JVM options as the local
 * stack's, a stand-in main class instead of a service jar) that is killed with SIGKILL comes back, told as status
 * lines, with a backoff that doubles while it keeps dying soon after starting; once the launcher stops it, it
 * stays stopped.
 */
class ServiceSupervisorTest {

    static final ServiceSupervisor.Backoff QUICK = new ServiceSupervisor.Backoff(Duration.ofMillis(100),
            Duration.ofSeconds(2), Duration.ofMinutes(1));

    @Test
    void aKilledServiceIsRestartedWithBackoffAndStaysStoppedOnceTheLauncherStopsIt() throws Exception {
        Path classes = Path.of(StandInService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ServiceProcess.Spec spec = new ServiceProcess.Spec("stand-in", classes, Ports.freePort(), Map.of());
        ServiceProcess service = ServiceProcess.start(spec, Path.of("target", "supervisor-test-logs"),
                new ServiceProcess.Entry(classes, StandInService.class.getName()));
        List<String> status = new CopyOnWriteArrayList<>();
        try (ServiceSupervisor supervisor = new ServiceSupervisor(List.of(service), status::add, QUICK,
                Duration.ofSeconds(30))) {
            service.awaitHealthy(Duration.ofSeconds(30));

            long first = service.pid();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> status.stream().anyMatch(l -> l.contains("up again")));
            assertThat(service.pid()).isNotEqualTo(first);
            assertThat(status.get(0)).startsWith("stand-in exited with code 137").contains("restart 1 in 100 ms");
            assertThat(status.get(1)).isEqualTo("stand-in is up again on " + spec.url() + " (restart 1)");

            // dying again soon after its restart: the wait doubles
            long second = service.pid();
            ProcessHandle.of(second).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> status.size() >= 4);
            assertThat(status.get(2)).contains("restart 2 in 200 ms");
            assertThat(status.get(3)).endsWith("(restart 2)");
            service.awaitHealthy(Duration.ofSeconds(30));

            // stopped by the launcher (SIGTERM) while still supervised: its exit is no reason to restart it
            service.close();
            service.onExit().get();
            assertThat(service.isAlive()).isFalse();
            assertThat(status).hasSize(4);
        } finally {
            service.close();
        }
    }
}
