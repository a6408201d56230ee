package dev.tandem.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.cluster.TandemNodes;
import dev.tandem.collab.ChangeSet;
import dev.tandem.storage.TestPostgres;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * v1.1 "Several files" across three JVMs of the packaged application (real Hazelcast, PostgreSQL behind it):
 * editors on every node make, edit and rename files at once; every file converges on every node; and after the
 * whole cluster is stopped and started again, every file is back with its text.
 */
class FilesClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void editorsOnThreeNodesShareFilesAndTheFilesSurviveARestartOfTheCluster() throws Exception {
        List<String> options = List.of("-Dtandem.storage.url=" + TestPostgres.freshDatabase());
        try (TandemNodes nodes = new TandemNodes(3, options)) {
            nodes.startAll();
            String id = create(nodes.uri(0), "{\"language\":\"python\",\"files\":[{\"path\":\"main.py\",\"content\":\"import util\\n\"},"
                    + "{\"path\":\"util.py\",\"content\":\"X = 1\\n\"}]}");
            Map<String, String> before;
            List<FileEditor> editors = new ArrayList<>();
            try {
                for (int node = 0; node < 3; node++) editors.add(new FileEditor(nodes.uri(node).getPort(), id, "node" + node, false));
                FileEditor v1 = new FileEditor(nodes.uri(1).getPort(), id, "v1", true);
                editors.add(v1);
                editors.get(1).send("{\"type\":\"file.create\",\"path\":\"lib/helpers.py\",\"content\":\"\"}");
                pumpUntil(editors, () -> editors.stream().filter(e -> e != v1).allMatch(e -> e.files.containsKey("lib/helpers.py")));

                Random random = new Random(7);
                List<String> paths = List.of("main.py", "util.py", "lib/helpers.py");
                for (int round = 0; round < 40; round++) {
                    for (FileEditor e : editors) {
                        String path = e == v1 ? "main.py" : paths.get(random.nextInt(paths.size()));
                        int pick = random.nextInt(1000);
                        e.edit(path, text -> ChangeSet.of(text.length(), pick % (text.length() + 1), pick % (text.length() + 1),
                                pick % 2 == 0 ? "ü" : "x"));
                    }
                    for (FileEditor e : editors) e.pump(Duration.ofMillis(3));
                }
                pumpUntil(editors, () -> editors.stream().allMatch(FileEditor::settled));
                editors.get(2).send("{\"type\":\"file.rename\",\"path\":\"lib/helpers.py\",\"to\":\"lib/tools.py\"}");
                pumpUntil(editors, () -> editors.stream().filter(e -> e != v1).allMatch(e -> e.files.containsKey("lib/tools.py")));
                for (FileEditor e : editors) e.pump(Duration.ofMillis(300)); // the last broadcasts

                before = texts(nodes.uri(2), id);
                assertThat(before.keySet()).containsExactly("main.py", "util.py", "lib/tools.py");
                for (FileEditor e : editors) {
                    assertThat(e.text("main.py")).as("%s main.py", e.clientId).isEqualTo(before.get("main.py"));
                    if (e == v1) continue;
                    assertThat(e.text("util.py")).as("%s util.py", e.clientId).isEqualTo(before.get("util.py"));
                    assertThat(e.text("lib/tools.py")).as("%s lib/tools.py", e.clientId).isEqualTo(before.get("lib/tools.py"));
                    assertThat(e.errors).as("%s errors", e.clientId).isEmpty();
                }
                assertThat(texts(nodes.uri(0), id)).isEqualTo(before);
            } finally {
                editors.forEach(FileEditor::close);
            }
            for (int node = 0; node < 3; node++) nodes.stop(node); // SIGTERM: every node stores what it holds
            nodes.startAll();
            assertThat(texts(nodes.uri(1), id)).isEqualTo(before);
        }
    }

    private static void pumpUntil(List<FileEditor> editors, java.util.function.BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the editors settle within 60 s").isLessThan(deadline);
            for (FileEditor e : editors) e.pump(Duration.ofMillis(20));
        }
    }

    private static String create(URI node, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(node.resolve("/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static Map<String, String> texts(URI node, String id) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(node.resolve("/api/sessions/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, String> texts = new LinkedHashMap<>();
        for (JsonNode f : JSON.readTree(r.body()).path("files")) texts.put(f.path("path").asText(), f.path("content").asText());
        return texts;
    }
}
