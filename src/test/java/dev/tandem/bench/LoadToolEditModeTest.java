package dev.tandem.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load tool's edit mode, briefly, against the test server: it must finish with no errors and every session
 * converged. No timing assertions: the machine is shared, and the numbers belong in docs/benchmarks.md.
 */
@QuarkusTest
class LoadToolEditModeTest {

    @Test
    void editModeRunsCleanAndConverges() throws Exception {
        LoadOptions options = LoadOptions.parse(new String[]{"edit", "--server", "http://127.0.0.1:" + RestAssured.port,
                "--sessions", "3", "--clients", "3", "--rate", "5", "--seconds", "3", "--warmup", "1"});

        EditReport report = new EditLoad(options).run();

        assertThat(report.firstError()).isNull();
        assertThat(report.errors()).isZero();
        assertThat(report.sessionsConverged()).isEqualTo(3);
        assertThat(report.sessionsDiverged()).isZero();
        assertThat(report.updatesAccepted()).isEqualTo(report.editsMade());
        assertThat(report.editsMade()).isPositive();
        assertThat(report.fanOutLatencyMs().count()).isPositive();
    }
}
