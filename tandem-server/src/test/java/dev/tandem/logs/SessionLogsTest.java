package dev.tandem.logs;

import dev.tandem.ConfigProfile;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a session leaves in the logs, with Tandem's debug lines on: a socket's lines name its connection, and
 * never the document text, what was typed, the links (capabilities to join) or the owner token. Stands for
 * the attack of someone with read access to the logs (an operator, a log pipeline) taking over sessions.
 */
@QuarkusTest
@TestProfile(SessionLogsTest.DebugLogs.class)
class SessionLogsTest {

    public static class DebugLogs extends ConfigProfile {
        public DebugLogs() {
            super(Map.of("quarkus.log.category.\"dev.tandem\".level", "DEBUG"));
        }
    }

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord r) {
                records.add(r);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aRefusedSocketsLineNamesItsConnectionButNotTheLinkItTried() throws Exception {
        // A well-formed link of no session: the socket is refused and closed before it is admitted.
        try (RawSocket socket = RawSocket.open(RestAssured.port, "AAAAAAAAAAAAAAAAAAAAAA")) {
            socket.expectError("UNKNOWN_SESSION");
        }
        await().until(() -> records.stream().anyMatch(r -> r.getFormattedMessage().startsWith("closing connection")));
        String closing = records.stream().map(ExtLogRecord::getFormattedMessage)
                .filter(m -> m.startsWith("closing connection")).findFirst().orElseThrow();
        assertThat(closing).matches("closing connection [0-9a-f-]{36}/[0-9a-f-]{36} of session \\(not admitted\\): 4404 .*")
                .doesNotContain("AAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void noDocumentTextLinksOrTokensInTheLogs() throws Exception {
        String secretText = "SECRET-DOCUMENT-TEXT-41c9";
        String typed = "TYPED-SECRET-77ab";
        JsonPath s = given().contentType(ContentType.JSON).body(Map.of("language", "python", "content", secretText))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String link = s.getString("id");
        try (RawSocket ada = RawSocket.join(RestAssured.port, link, "ada");
             RawSocket bob = RawSocket.join(RestAssured.port, link, "bob")) {
            ada.send("{\"type\":\"push\",\"version\":0,\"updates\":[{\"clientId\":\"ada\",\"seq\":1,\"changes\":[[0,\""
                    + typed + "\"]," + secretText.length() + "]}]}");
            ada.await("ack");
            ada.send("{\"type\":\"push\",\"version\":1,\"updates\":[{\"clientId\":\"ada\",\"seq\":2,\"changes\":[5,[0,\"" + typed + "\"]]}]}");
            ada.expectError("INVALID_CHANGES");
            given().header("X-Tandem-Owner", s.getString("ownerToken")).delete("/api/sessions/" + link + "/participants/bob")
                    .then().statusCode(204);
            bob.awaitCloseCode();
        }
        await().until(() -> records.stream().anyMatch(r -> r.getFormattedMessage().startsWith("closing connection")));
        assertThat(records).isNotEmpty();
        for (ExtLogRecord r : records) {
            String line = r.getFormattedMessage() + " " + (r.getThrown() == null ? "" : r.getThrown());
            assertThat(line).doesNotContain(secretText).doesNotContain(typed).doesNotContain(link)
                    .doesNotContain(s.getString("viewLink")).doesNotContain(s.getString("ownerToken"));
        }
    }
}
