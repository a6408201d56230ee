package dev.tandem.realtime;

import dev.tandem.api.Sessions;
import dev.tandem.client.TandemClient;
import dev.tandem.collab.Traces;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sequential editing trace replayed through a live server: a typist client types the trace while a
 * watcher client follows, and both end at the trace's endContent.
 *
 * <p>Traces: the {@code editing-traces} data set by Joseph Gentle and contributors
 * (github.com/josephg/editing-traces), licensed CC BY 4.0.
 */
@QuarkusTest
class LiveTraceReplayTest {
    /** Keystrokes a typist makes between two looks at the network: each burst becomes one update. */
    private static final int BURST = 10;

    @TestFactory
    Stream<DynamicTest> tracesReplayThroughLiveSockets() {
        return Traces.sequentialFiles().stream().map(file -> DynamicTest.dynamicTest(name(file), () -> replay(Traces.load(file))));
    }

    private static String name(Path file) {
        return file.getFileName().toString().replace(".json.gz", "");
    }

    private void replay(Traces.Trace trace) throws Exception {
        String sessionId = Sessions.create(trace.startContent());
        List<URI> server = List.of(URI.create("http://127.0.0.1:" + RestAssured.port));
        try (TandemClient typist = TandemClient.builder(sessionId).servers(server).name("typist").connect();
             TandemClient watcher = TandemClient.builder(sessionId).servers(server).name("watcher").connect()) {
            assertThat(typist.awaitConnected(Duration.ofSeconds(10))).isTrue();
            assertThat(watcher.awaitConnected(Duration.ofSeconds(10))).isTrue();
            long start = System.nanoTime();
            List<Traces.Patch> patches = trace.patches();
            for (int from = 0; from < patches.size(); from += BURST) {
                List<Traces.Patch> burst = patches.subList(from, Math.min(patches.size(), from + BURST));
                // The typist's client pushes whatever accumulated while its previous push was in flight.
                typist.change(text -> Traces.compose(text.length(), burst));
            }
            assertThat(typist.awaitSynced(Duration.ofSeconds(120))).as("typist synced").isTrue();
            int version = Sessions.version(sessionId);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> watcher.version() == version);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("live replay of %s: %,d edits as %,d updates in %,d ms%n", trace.name(), patches.size(), version, millis);
            assertThat(typist.text()).isEqualTo(trace.endContent());
            assertThat(watcher.text()).isEqualTo(trace.endContent());
            assertThat(Sessions.content(sessionId)).isEqualTo(trace.endContent());
        }
    }
}
