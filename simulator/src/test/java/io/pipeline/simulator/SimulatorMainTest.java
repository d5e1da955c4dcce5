package io.pipeline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return SimulatorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--sink=kafka|api", "--events-limit");
    }

    @Test
    void aWrongOptionPrintsTheUsageAndExitsWithTwo() {
        assertThat(run("--colour=blue")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option: --colour", "Usage:");
        assertThat(run("--sink=s3")).isEqualTo(2);
        assertThat(run("--seed", "many")).isEqualTo(2);
        assertThat(run("--plan=org,weekly", "--token=t")).isEqualTo(2);
        assertThat(run("--plan=org")).isEqualTo(2);
    }

    @Test
    void withoutASinkItPrintsTheSummaryOfTheRun() {
        assertThat(run("--seed=5", "--from=2025-01-01", "--to=2025-04-01", "--reps=10")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("events:", "lead rates:", "deal rates:");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("simulating 24 reps");
    }
}
