package dev.tandem.metrics;

import dev.tandem.RepoFiles;

import dev.tandem.api.Sessions;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator scrapes at {@code /q/metrics}: every Tandem meter of docs/operations.md is there, with
 * WebSockets Next's own, and the edit meters move when clients edit. (Runs: {@link RunMetricsTest}.)
 */
@QuarkusTest
class MetricsTest {

    @Test
    void exposesTandemsMetersAndTheWebSocketOnes() throws Exception {
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada")) {
            // WebSockets Next registers its per-endpoint meters once its endpoint has seen traffic.
            ada.send(push(0, "ada", 1, "[[0,\"x\"]]"));
            ada.await("ack");
            Scrape s = Scrape.now();
            for (String name : new String[]{"tandem_sockets_open", "tandem_pushes_total", "tandem_conflicts_total",
                    "tandem_push_ack_seconds_bucket", "tandem_fanout_seconds_bucket", "tandem_outbound_drops_total",
                    "tandem_slow_client_closes_total", "tandem_run_queue_depth", "tandem_sandbox_time_seconds_bucket",
                    "tandem_cluster_members"}) {
                assertThat(s.has(name)).as(name).isTrue();
            }
            assertThat(s.has("tandem_sessions_active", "where=\"memory\"")).isTrue();
            assertThat(s.has("tandem_sessions_active", "where=\"sockets\"")).isTrue();
            assertThat(s.has("tandem_runs_total", "outcome=\"ok\"")).isTrue();
            assertThat(s.has("tandem_runs_total", "outcome=\"timeout\"")).isTrue();
            assertThat(s.has("tandem_judge_verdicts_total", "verdict=\"accepted\"")).isTrue();
            assertThat(s.has("tandem_judge_verdicts_total", "verdict=\"wrong_answer\"")).isTrue();
            assertThat(s.has("quarkus_websockets_server_connections_opened_total")).isTrue();
            assertThat(s.value("quarkus_websockets_server_count_total")).as("messages sent and received").isPositive();
            assertThat(s.value("tandem_cluster_members")).isEqualTo(1);
        }
    }

    @Test
    void editsMoveThePushConflictLatencyAndFanOutMeters() throws Exception {
        String id = Sessions.create("ab");
        Scrape before = Scrape.now();
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada");
             RawSocket bob = RawSocket.join(RestAssured.port, id, "bob")) {
            ada.send(push(0, "ada", 1, "[2,[0,\"!\"]]"));
            ada.await("ack");
            bob.await("updates");
            bob.send(push(0, "bob", 1, "[[0,\"?\"],2]")); // based on version 0 while the document is at 1
            bob.await("conflict");

            Scrape during = Scrape.now();
            assertThat(during.value("tandem_pushes_total") - before.value("tandem_pushes_total")).isEqualTo(2);
            assertThat(during.value("tandem_conflicts_total") - before.value("tandem_conflicts_total")).isEqualTo(1);
            assertThat(during.value("tandem_push_ack_seconds_count") - before.value("tandem_push_ack_seconds_count")).isEqualTo(2);
            assertThat(during.value("tandem_fanout_seconds_count")).isGreaterThan(before.value("tandem_fanout_seconds_count"));
            assertThat(during.value("tandem_sockets_open")).isGreaterThanOrEqualTo(2);
            assertThat(during.value("tandem_sessions_active", "where=\"sockets\"")).isGreaterThanOrEqualTo(1);
            assertThat(during.value("tandem_sessions_active", "where=\"memory\"")).isGreaterThanOrEqualTo(1);
        }
        // Both sockets closed: the gauge follows.
        double open = before.value("tandem_sockets_open");
        await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.now().value("tandem_sockets_open") <= open);
    }

    /** The Grafana dashboard and the queue-depth autoscalers in deployment/ query only meters Tandem exposes. */
    @Test
    void theDashboardAndTheQueueDepthScalersQueryExposedMeters() throws Exception {
        String dashboard = Files.readString(RepoFiles.path("deployment/grafana/tandem-dashboard.json"));
        new ObjectMapper().readTree(dashboard); // valid JSON
        String keda = Files.readString(RepoFiles.path("deployment/kubernetes/queue-depth/keda-scaledobject.yaml"));
        HorizontalPodAutoscaler hpa = Serialization.unmarshal(
                Files.newInputStream(RepoFiles.path("deployment/kubernetes/queue-depth/hpa-worker-queue-depth.yaml")), HorizontalPodAutoscaler.class);
        String hpaMetric = hpa.getSpec().getMetrics().get(0).getExternal().getMetric().getName();

        Set<String> queried = meterNames(dashboard + "\n" + keda + "\n" + hpaMetric);
        assertThat(queried).contains("tandem_run_queue_depth", "tandem_push_ack_seconds", "tandem_pushes_total");
        Scrape s;
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada")) {
            ada.send(push(0, "ada", 1, "[[0,\"x\"]]")); // WebSockets Next's meters appear with traffic
            ada.await("ack");
            s = Scrape.now();
        }
        for (String name : queried) {
            assertThat(s.has(name) || s.has(name + "_bucket")).as("%s is exposed at /q/metrics", name).isTrue();
        }
    }

    private static Set<String> meterNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(?:tandem|quarkus_websockets)_[a-z_]+").matcher(text);
        while (m.find()) names.add(m.group().replaceAll("_bucket$", ""));
        return names;
    }

    private static String push(int version, String clientId, int seq, String changes) {
        return "{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"" + clientId
                + "\",\"seq\":" + seq + ",\"changes\":" + changes + "}]}";
    }
}
