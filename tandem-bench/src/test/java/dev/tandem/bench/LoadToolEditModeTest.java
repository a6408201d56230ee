package dev.tandem.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load tool's edit mode, briefly, against a real node: it must finish with no errors and every session
 * converged. No timing assertions: the machine is shared, and the numbers belong in docs/benchmarks.md.
 */
class LoadToolEditModeTest {
    private static RealServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void editModeRunsCleanAndConverges() throws Exception {
        LoadOptions options = LoadOptions.parse(new String[]{"edit", "--server", server.uri().toString(),
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

    @Test
    void editModeStartsFromALargeDocumentWithAHistory() throws Exception {
        LoadOptions options = LoadOptions.parse(new String[]{"edit", "--server", server.uri().toString(),
                "--sessions", "2", "--clients", "2", "--rate", "5", "--seconds", "2", "--warmup", "1",
                "--initial-bytes", "20000", "--history", "1500"});

        EditReport report = new EditLoad(options).run();

        assertThat(report.firstError()).isNull();
        assertThat(report.errors()).isZero();
        assertThat(report.sessionsConverged()).isEqualTo(2);
        assertThat(report.initialChars()).isEqualTo(20000);
        assertThat(report.historyUpdates()).isEqualTo(1500);
        // The server's versions include the 2 x 1,500 history updates; what is left must be exactly what the typists made.
        assertThat(report.updatesAccepted()).isEqualTo(report.editsMade());
        assertThat(report.pushesPer1000Edits()).isPositive();
    }
}
