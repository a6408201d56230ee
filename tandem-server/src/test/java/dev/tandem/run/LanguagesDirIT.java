package dev.tandem.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.cluster.TandemNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Languages as data on the packaged application (target/quarkus-app, run after {@code package}): a folder with
 * nothing but a descriptor in {@code tandem.languages.dir} is listed and runs, with no Java change; a bad
 * descriptor stops the start with a message that names its file. Needs Docker and the sandbox images
 * (the new language reuses the Bash image, sandbox-images/build.sh).
 */
@Timeout(300)
class LanguagesDirIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** POSIX sh (dash) on the Bash image: a language the server has never heard of until it reads this file. */
    private static final String SHELL = """
            {"id": "sh", "name": "POSIX sh (dash)", "version": "0.5", "image": "%s",
             "fileName": "main.sh", "run": ["sh", "main.sh"], "order": 15,
             "limits": {"timeMs": 5000, "memoryMb": 128, "pids": 32, "outputBytes": 65536, "cpus": 0.5}}
            """.formatted(Languages.byId("bash").image());

    @Test
    void aDescriptorOnlyLanguageIsListedAndRuns(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sh"));
        Files.writeString(dir.resolve("sh/language.json"), SHELL);
        try (TandemNodes nodes = new TandemNodes(1, List.of("-Dtandem.languages.dir=" + dir.toAbsolutePath()))) {
            nodes.startAll();
            URI base = nodes.uri(0);
            JsonNode languages = JSON.readTree(get(base.resolve("/api/languages")));
            List<String> ids = new ArrayList<>();
            languages.forEach(l -> ids.add(l.path("id").asText()));
            assertThat(ids).startsWith("python", "sh").contains("rust", "kotlin", "bash");
            JsonNode sh = languages.get(1);
            assertThat(sh.path("name").asText()).isEqualTo("POSIX sh (dash)");
            assertThat(sh.path("version").asText()).isEqualTo("0.5");
            assertThat(sh.path("fileName").asText()).isEqualTo("main.sh");

            String session = JSON.readTree(post(base.resolve("/api/sessions"),
                    Map.of("language", "sh", "content", "read -r who\necho \"hello, $who, from $0\"\n"), 201)).path("id").asText();
            String runId = JSON.readTree(post(base.resolve("/api/sessions/" + session + "/runs"), Map.of("stdin", "Ada\n"), 202))
                    .path("runId").asText();
            JsonNode record = JSON.readTree(get(base.resolve("/api/runs/" + runId + "?waitMs=60000")));
            assertThat(record.path("status").asText()).as("%s", record).isEqualTo("finished");
            assertThat(record.path("outcome").asText()).as("%s", record).isEqualTo("ok");
            assertThat(record.path("stdout").asText()).isEqualTo("hello, Ada, from main.sh\n");
        }
    }

    @Test
    void aBadDescriptorStopsTheStartNamingItsFile(@TempDir Path dir) throws Exception {
        Path file = Files.createDirectories(dir.resolve("sh")).resolve("language.json");
        Files.writeString(file, SHELL.replace("\"run\"", "\"runs\""));
        Path log = dir.resolve("node.log");
        int clusterPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            clusterPort = s.getLocalPort();
        }
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-Dquarkus.http.port=0", "-Dtandem.cluster.name=tandem-bad-languages-" + ProcessHandle.current().pid(),
                "-Dtandem.cluster.host=127.0.0.1",
                "-Dtandem.cluster.port=" + clusterPort, "-Dtandem.cluster.members=127.0.0.1:" + clusterPort, "-Dtandem.data-dir=" + dir.resolve("data"),
                "-Dtandem.languages.dir=" + dir.toAbsolutePath(), "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("the node stops by itself").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(output).isNotZero();
            assertThat(output).contains("bad language descriptor " + file.toAbsolutePath()).contains("Missing required creator property 'run'");
        } finally {
            p.destroyForcibly();
        }
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s: %s", uri, r.body()).isEqualTo(200);
        return r.body();
    }

    private static String post(URI uri, Object body, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s: %s", uri, r.body()).isEqualTo(expected);
        return r.body();
    }
}
