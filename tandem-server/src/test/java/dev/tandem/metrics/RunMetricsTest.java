package dev.tandem.metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.tandem.run.RunEventsCollector.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The run and judge meters move when programs run in the real Docker sandbox (needs Docker and the sandbox images). */
@QuarkusTest
class RunMetricsTest {

    @Test
    void aFinishedRunCountsByOutcomeAndIntoTheSandboxTimeHistogram() {
        Scrape before = Scrape.now();
        String id = session("python", "print('metered')\n");
        String runId = given().contentType(ContentType.JSON).body(Map.of("stdin", ""))
                .post("/api/sessions/" + id + "/runs").then().statusCode(202).extract().path("runId");
        given().get("/api/runs/" + runId + "?waitMs=30000").then().statusCode(200);

        // The worker counts the run right after it published run.finished: wait for the meter, with a deadline.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Scrape.now().value("tandem_runs_total", "outcome=\"ok\"") > before.value("tandem_runs_total", "outcome=\"ok\""));
        Scrape after = Scrape.now();
        assertThat(after.value("tandem_runs_total", "outcome=\"ok\"") - before.value("tandem_runs_total", "outcome=\"ok\"")).isEqualTo(1);
        assertThat(after.value("tandem_sandbox_time_seconds_count") - before.value("tandem_sandbox_time_seconds_count")).isEqualTo(1);
        assertThat(after.value("tandem_sandbox_time_seconds_sum")).isGreaterThan(before.value("tandem_sandbox_time_seconds_sum"));
        assertThat(after.value("tandem_run_queue_depth")).isZero();
    }

    @Test
    void aJudgedSubmissionCountsItsVerdict() {
        Scrape before = Scrape.now();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("language", "python", "problem", "fizzbuzz", "content", "print('not fizzbuzz')\n"))
                .post("/api/sessions").then().statusCode(201).extract().path("id");
        String submissionId = given().contentType(ContentType.JSON).body(Map.of("mode", "examples"))
                .post("/api/sessions/" + id + "/submissions").then().statusCode(202).extract().path("submissionId");
        AtomicReference<String> verdict = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var record = given().get("/api/submissions/" + submissionId + "?waitMs=10000").then().statusCode(200).extract().jsonPath();
            verdict.set(record.getString("verdict"));
            return "finished".equals(record.getString("status"));
        });
        assertThat(verdict.get()).isEqualTo("wrong_answer");
        String label = "verdict=\"wrong_answer\"";
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Scrape.now().value("tandem_judge_verdicts_total", label) > before.value("tandem_judge_verdicts_total", label));
        assertThat(Scrape.now().value("tandem_judge_verdicts_total", label) - before.value("tandem_judge_verdicts_total", label)).isEqualTo(1);
    }
}
