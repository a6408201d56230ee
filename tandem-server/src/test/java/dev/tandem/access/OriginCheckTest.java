package dev.tandem.access;

import dev.tandem.api.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cross-site WebSocket hijacking: a page of another site cannot open a session socket. */
@QuarkusTest
class OriginCheckTest {

    private static WebSocket open(String sessionId, String origin) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) builder.header("Origin", origin);
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + RestAssured.port + "/ws/sessions/" + sessionId),
                new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aForeignOriginIsRefusedAtTheUpgrade() {
        String id = Sessions.create("");
        assertThatThrownBy(() -> open(id, "https://evil.example"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void theSameOriginAConfiguredOriginAndNonBrowsersAreAllowed() throws Exception {
        String id = Sessions.create("");
        open(id, "http://127.0.0.1:" + RestAssured.port).abort();
        open(id, "https://ide.example.com").abort(); // configured in the test profile
        open(id, null).abort();
    }

    @Test
    void restFromAForeignOriginGetsNoCorsGrant() {
        given().header("Origin", "https://evil.example").get("/api/sessions/none")
                .then().header("Access-Control-Allow-Origin", (String) null);
        given().header("Origin", "https://ide.example.com").header("Access-Control-Request-Method", "POST")
                .options("/api/sessions")
                .then().header("Access-Control-Allow-Origin", "https://ide.example.com");
    }

    @Test
    void originMatchingIgnoresCaseAndTrailingSlash() {
        OriginCheck check = new OriginCheck(() -> java.util.Optional.of(java.util.List.of("https://IDE.example.com/")));
        assertThat(check.isAllowed("https://ide.example.com", "tandem.local")).isTrue();
        assertThat(check.isAllowed("https://ide.example.com.evil.example", "tandem.local")).isFalse();
        assertThat(check.isAllowed("http://tandem.local:8080", "tandem.local:8080")).isTrue();
        assertThat(check.isAllowed("not a uri", "tandem.local")).isFalse();
    }
}
