package dev.tandem.realtime;

import dev.tandem.protocol.ClientMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The socket side of runs and submissions without a Quarkus boot: the real run service, run store and per-address
 * limits on one Hazelcast member ({@link JobParts}). No worker executes here (RunWorkers and the sandbox are tested
 * with Docker elsewhere): a worker's announcement is what makes a language runnable, and a queued run stays queued.
 */
class JobHandlerTest {
    @RegisterExtension
    static final JobParts parts = new JobParts();
    // The submission service is never reached by the cases here: refusals before it are the handler's.
    private static final JobHandler jobs = new JobHandler(parts.runs, null, parts.gate, parts.replies);

    private static ClientConnection participant(RecordedSocket socket, String session, String clientId, String ip) {
        ClientConnection connection = JobParts.admitted(socket, session, ip, false);
        connection.identify(clientId, clientId.substring(0, 1).toUpperCase() + clientId.substring(1), "#000000");
        parts.node.hub.attach(connection);
        connection.welcome("{\"type\":\"welcome\"}", 0);
        socket.texts.clear();
        return connection;
    }

    /** Ada (from {@code network}.1) and Bob (.2) in a new session of {@code source}; Ada runs it with {@code stdin}. */
    private static AdaAndBob adaRunsBesideBob(String source, String network, String stdin) {
        String session = parts.newSession(source);
        AdaAndBob two = new AdaAndBob(session, new RecordedSocket(), new RecordedSocket());
        ClientConnection ada = participant(two.ada(), session, "ada", network + ".1");
        participant(two.bob(), session, "bob", network + ".2");
        jobs.run(ada, new ClientMessage.Run(stdin)).await().atMost(Duration.ofSeconds(10));
        return two;
    }

    private record AdaAndBob(String session, RecordedSocket ada, RecordedSocket bob) {}

    private static long count(RecordedSocket socket, String part) {
        return socket.texts.stream().filter(t -> t.contains(part)).count();
    }

    @Test
    void aRunIsQueuedForEveryoneInTheSessionNamingWhoStartedIt() {
        parts.runStore.announceWorker(List.of("python"), 60_000);
        AdaAndBob two = adaRunsBesideBob("print(input())\n", "10.0.1", "Tandem");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> two.ada().contains("\"run.queued\"") && two.bob().contains("\"run.queued\""));
        assertThat(two.bob().texts).anySatisfy(t -> assertThat(t).contains("\"run.queued\"").contains("\"by\":\"Ada\""));
        assertThat(two.ada().contains("\"error\"")).isFalse();
        assertThat(parts.runStore.activeRuns(two.session())).hasSize(1);
    }

    @Test
    void withoutAWorkerTheSenderIsToldAndNothingIsQueued() {
        parts.runStore.withdrawWorker();
        try {
            AdaAndBob two = adaRunsBesideBob("print(1)\n", "10.0.2", "");

            await().atMost(Duration.ofSeconds(10)).until(() -> two.ada().contains("\"error\""));
            assertThat(two.ada().texts).anySatisfy(t -> assertThat(t).contains("RUN_UNAVAILABLE").contains("\"ref\":\"run\""));
            assertThat(two.bob().texts).as("the others are not bothered with a refusal").isEmpty();
            assertThat(parts.runStore.activeRuns(two.session())).isEmpty();
        } finally {
            parts.runStore.announceWorker(List.of("python"), 60_000);
        }
    }

    /** Abuse: one address starting runs (and submissions, the same budget) faster than the per-minute limit. */
    @Test
    void runsAndSubmissionsPastThePerAddressBudgetAreRefused() {
        parts.runStore.announceWorker(List.of("python"), 60_000);
        String session = parts.newSession("print(1)\n");
        RecordedSocket eve = new RecordedSocket();
        ClientConnection connection = participant(eve, session, "eve", "10.0.3.1");

        for (int i = 0; i < JobParts.RUNS_PER_IP_PER_MINUTE; i++) {
            jobs.run(connection, new ClientMessage.Run("")).await().atMost(Duration.ofSeconds(10));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count(eve, "\"run.queued\"") == JobParts.RUNS_PER_IP_PER_MINUTE);

        jobs.run(connection, new ClientMessage.Run("")).await().atMost(Duration.ofSeconds(10));
        assertThat(eve.texts).anySatisfy(t -> assertThat(t).contains("RATE_LIMITED").contains("\"ref\":\"run\""));
        jobs.submit(connection, new ClientMessage.Submit("examples")).await().atMost(Duration.ofSeconds(10));
        assertThat(eve.texts).anySatisfy(t -> assertThat(t).contains("RATE_LIMITED").contains("\"ref\":\"submit\""));
        assertThat(parts.runStore.activeRuns(session)).hasSize(JobParts.RUNS_PER_IP_PER_MINUTE);
        assertThat(count(eve, "\"run.queued\"")).isEqualTo(JobParts.RUNS_PER_IP_PER_MINUTE);
    }
}
