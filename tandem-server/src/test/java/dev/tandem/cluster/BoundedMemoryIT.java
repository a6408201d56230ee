package dev.tandem.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More data than heap: a node JVM with 256 MiB of heap (TandemNodes' -Xmx256m) and the embedded store is given
 * 20,000 sessions of 8 KiB each (160 MiB of text, about 18,000 of which used to end in OutOfMemoryError), and
 * every one of them reads back, most of them from storage, with no node restart in between.
 */
class BoundedMemoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SESSIONS = 20_000;
    private static final int CLIENTS = 4;

    @Test
    void aSmallNodeHoldsMoreSessionsThanItsHeap() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "durable-it")), "bounded");
        List<String> options = List.of("-Dtandem.data-dir=" + dir.toAbsolutePath(),
                "-Dtandem.limits.sessions-per-ip-per-minute=1000000",
                // all 20,000 read-backs come from one address (loopback): REST reads are limited per address
                "-Dtandem.limits.reads-per-ip-per-minute=1000000",
                "-XX:+ExitOnOutOfMemoryError",
                // 40,000 requests in a row: here C2's compilations pay for themselves (C1 only took 25% longer)
                "-XX:TieredStopAtLevel=4");
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try (TandemNodes nodes = new TandemNodes(1, options)) {
            nodes.startAll();
            HttpClient http = HttpClient.newHttpClient();
            URI node = nodes.uri(0);

            List<Future<List<String[]>>> created = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                created.add(pool.submit(() -> {
                    List<String[]> mine = new ArrayList<>();
                    for (int i = client; i < SESSIONS; i += CLIENTS) {
                        String content = content(i);
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.resolve("/api/sessions"))
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                        java.util.Map.of("language", "python", "content", content)))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(r.statusCode()).as("creating session %d", i).isEqualTo(201);
                        mine.add(new String[] {JSON.readTree(r.body()).path("id").asText(), String.valueOf(i)});
                    }
                    return mine;
                }));
            }
            List<String[]> all = new ArrayList<>();
            for (Future<List<String[]>> f : created) all.addAll(f.get(15, TimeUnit.MINUTES));
            assertThat(all).hasSize(SESSIONS);

            List<Future<Integer>> read = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                read.add(pool.submit(() -> {
                    int ok = 0;
                    for (int k = client; k < all.size(); k += CLIENTS) {
                        String[] s = all.get(k);
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.resolve("/api/sessions/" + s[0])).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(r.statusCode()).as("reading session %s", s[1]).isEqualTo(200);
                        assertThat(JSON.readTree(r.body()).path("content").asText()).isEqualTo(content(Integer.parseInt(s[1])));
                        ok++;
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : read) ok += f.get(15, TimeUnit.MINUTES);
            assertThat(ok).isEqualTo(SESSIONS);
            nodes.awaitReady(0); // still alive and serving after all of it
        } finally {
            pool.shutdownNow();
        }
    }

    /** 8 KiB of text that differs per session, so a mixed-up read shows. */
    private static String content(int i) {
        String head = "# session " + i + "\n";
        return head + "x".repeat(8192 - head.length());
    }
}
