package dev.tandem.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With tandem.auth.enabled: missing, expired and badly signed tokens are refused; a valid one works. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class AuthTest {

    static String token(String name, Instant expires, PrivateKey key) {
        return Jwt.issuer(AuthProfile.ISSUER).audience(AuthProfile.AUDIENCE).subject("user-" + name).claim("name", name)
                .issuedAt(expires.minusSeconds(7200)).expiresAt(expires).sign(key);
    }

    static String valid(String name) {
        return token(name, Instant.now().plusSeconds(3600), AuthProfile.privateKey());
    }

    static String expired() {
        return token("old", Instant.now().minusSeconds(3600), AuthProfile.privateKey());
    }

    static String forged() {
        return token("eve", Instant.now().plusSeconds(3600), AuthProfile.otherPrivateKey());
    }

    private static JsonPath create(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("{\"content\":\"x\"}")
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void restNeedsAValidToken() {
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions").then().statusCode(401)
                .body("error", org.hamcrest.Matchers.equalTo("UNAUTHORIZED"));
        for (String bad : new String[] {expired(), forged(), "not-a-jwt"}) {
            given().header("Authorization", "Bearer " + bad).contentType(ContentType.JSON).body("{}")
                    .post("/api/sessions").then().statusCode(401);
            given().header("Authorization", "Bearer " + bad).get("/api/languages").then().statusCode(401);
        }
        String id = create(valid("Ada")).getString("id");
        given().get("/api/sessions/" + id).then().statusCode(401);
        given().header("Authorization", "Bearer " + valid("Ada")).get("/api/sessions/" + id).then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200); // health stays open for probes
    }

    private static int refusedUpgrade(String path, String subprotocolToken) {
        try {
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
            if (subprotocolToken != null) builder.subprotocols(Bearer.SUBPROTOCOL, subprotocolToken);
            builder.buildAsync(URI.create("ws://127.0.0.1:" + RestAssured.port + path), new WebSocket.Listener() {})
                    .get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Attack (issue 13 item 8): a token that the same identity provider issued for another service (another
     * audience), or one without an issuer, was accepted because only the signature and expiry were checked.
     */
    @Test
    void aTokenForAnotherAudienceOrWithoutIssuerIsRefused() {
        Instant later = Instant.now().plusSeconds(3600);
        String otherService = Jwt.issuer(AuthProfile.ISSUER).audience("billing").subject("u").expiresAt(later)
                .sign(AuthProfile.privateKey());
        String noAudience = Jwt.issuer(AuthProfile.ISSUER).subject("u").expiresAt(later).sign(AuthProfile.privateKey());
        String noIssuer = Jwt.audience(AuthProfile.AUDIENCE).subject("u").expiresAt(later).sign(AuthProfile.privateKey());
        for (String bad : new String[] {otherService, noAudience, noIssuer}) {
            given().header("Authorization", "Bearer " + bad).get("/api/languages").then().statusCode(401);
        }
        String id = create(valid("Ada")).getString("id");
        assertThat(refusedUpgrade("/ws/sessions/" + id, otherService)).isEqualTo(401);
        assertThat(refusedUpgrade("/ws/sessions/" + id, noIssuer)).isEqualTo(401);
    }

    /**
     * Attack (issue 13 item 8): a socket opened with a short-lived token stayed open after the token expired,
     * so a user whose access was withdrawn kept editing for as long as the socket lived.
     */
    @Test
    void aSocketEndsWhenItsTokenExpires() throws Exception {
        String id = create(valid("Ada")).getString("id");
        String shortLived = Jwt.issuer(AuthProfile.ISSUER).audience(AuthProfile.AUDIENCE).subject("user-sam")
                .claim("name", "Sam").issuedAt(Instant.now().minusSeconds(60)).expiresAt(Instant.now().plusSeconds(3))
                .sign(AuthProfile.privateKey());
        try (RawSocket sam = RawSocket.open(RestAssured.port, id + "?access_token=" + shortLived)) {
            sam.send(RawSocket.hello("sam", null));
            sam.expect("welcome");
            assertThat(sam.awaitCloseCode()).isEqualTo(SocketGate.CLOSE_TOKEN);
            assertThat(sam.received()).anyMatch(m -> m.path("type").asText().equals("error")
                    && m.path("message").asText().contains("expired"));
        }
    }

    private static String shortLived(String name, long seconds) {
        return Jwt.issuer(AuthProfile.ISSUER).audience(AuthProfile.AUDIENCE).subject("user-" + name).claim("name", name)
                .issuedAt(Instant.now().minusSeconds(60)).expiresAt(Instant.now().plusSeconds(seconds)).sign(AuthProfile.privateKey());
    }

    /**
     * Attack (issue 13 item 8): an HTTP-transport connection (v1.1 "Editing without WebSockets") opened with a
     * short-lived token outlived it: it kept receiving the session's edits, and its connection id kept taking
     * pushes as that participant from anyone who sent any valid token along. Now it ends at the expiry as a socket
     * does: the client reads error FORBIDDEN, the connection closes, and later requests on it are 404.
     */
    @Test
    void anHttpConnectionEndsWhenItsTokenExpires() throws Exception {
        String id = create(valid("Ada")).getString("id");
        String opened = given().header("Authorization", "Bearer " + shortLived("Sam", 3)).contentType(ContentType.JSON)
                .body("{\"clientId\":\"sam\"}").post("/api/sessions/" + id + "/connections")
                .then().statusCode(201).extract().asString();
        String connection = JsonPath.from(opened).getString("connection");
        String renewed = valid("Sam"); // a valid token does not bring the ended connection back
        // A long poll from before the expiry: the first message after the welcome is the error at the expiry.
        JsonPath first = given().header("Authorization", "Bearer " + renewed)
                .get("/api/connections/" + connection + "/messages?after=0&waitMs=20000").then().statusCode(200).extract().jsonPath();
        assertThat(first.getString("messages[0].type")).as("messages %s", first.getList("messages")).isEqualTo("error");
        assertThat(first.getString("messages[0].code")).isEqualTo("FORBIDDEN");
        assertThat(first.getString("messages[0].message")).contains("expired");

        try (RawSocket ada = RawSocket.open(RestAssured.port, id + "?access_token=" + valid("Ada"))) {
            ada.send(RawSocket.hello("ada", null));
            ada.expect("welcome");
            ada.send("{\"type\":\"push\",\"version\":0,\"updates\":[{\"clientId\":\"ada\",\"seq\":1,\"changes\":[1,[0,\"y\"]]}]}");
            ada.await("ack");
        }
        String samPush = "[{\"type\":\"push\",\"version\":1,\"updates\":[{\"clientId\":\"sam\",\"seq\":1,\"changes\":[2,[0,\"!\"]]}]}]";
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                given().header("Authorization", "Bearer " + renewed).contentType(ContentType.JSON).body(samPush)
                        .post("/api/connections/" + connection + "/messages").statusCode() == 404);
        given().header("Authorization", "Bearer " + renewed).get("/api/connections/" + connection + "/messages?after=0")
                .then().statusCode(404).body("error", org.hamcrest.Matchers.equalTo("NO_SUCH_CONNECTION"));
        given().header("Authorization", "Bearer " + renewed).get("/api/sessions/" + id)
                .then().statusCode(200).body("content", org.hamcrest.Matchers.equalTo("xy")); // nothing of Sam's push
    }

    /**
     * A token past its expiry but within the verifier's clock skew (a minute) passes the upgrade, yet its connection
     * would end at once: it is refused at admission with the reason (socket: FORBIDDEN, close 4401; HTTP: 403), so a
     * client that reconnects with it stops instead of looping (defect: the IDE reconnected again and again).
     */
    @Test
    void aTokenPastItsExpiryIsToldSoAtOnce() throws Exception {
        String id = create(valid("Ada")).getString("id");
        String justExpired = shortLived("Sam", -5);
        try (RawSocket sam = RawSocket.open(RestAssured.port, id + "?access_token=" + justExpired)) {
            JsonNode error = sam.expect("error");
            assertThat(error.path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(error.path("message").asText()).contains("expired");
            assertThat(sam.awaitCloseCode()).isEqualTo(SocketGate.CLOSE_TOKEN);
        }
        given().header("Authorization", "Bearer " + justExpired).contentType(ContentType.JSON).body("{\"clientId\":\"sam\"}")
                .post("/api/sessions/" + id + "/connections").then().statusCode(403).body("error", org.hamcrest.Matchers.equalTo("FORBIDDEN"));
    }

    @Test
    void theSocketUpgradeNeedsAValidToken() throws Exception {
        String id = create(valid("Ada")).getString("id");
        assertThat(refusedUpgrade("/ws/sessions/" + id, null)).isEqualTo(401);
        assertThat(refusedUpgrade("/ws/sessions/" + id + "?access_token=" + expired(), null)).isEqualTo(401);
        assertThat(refusedUpgrade("/ws/sessions/" + id + "?access_token=" + forged(), null)).isEqualTo(401);
        assertThat(refusedUpgrade("/ws/sessions/" + id, expired())).isEqualTo(401);
        assertThat(refusedUpgrade("/ws/sessions/" + id, valid("Ada"))).isEqualTo(101);

        // a valid token in the query: the participant's name comes from the token, not from hello
        try (RawSocket ada = RawSocket.open(RestAssured.port, id + "?access_token=" + valid("Ada Lovelace"))) {
            ada.send("{\"type\":\"hello\",\"clientId\":\"ada\",\"name\":\"Mallory\"}");
            JsonNode welcome = ada.expect("welcome");
            assertThat(welcome.path("participants").get(0).path("name").asText()).isEqualTo("Ada Lovelace");
        }
    }

    @Test
    void aBrowserPassesTheTokenAsASubprotocol() throws Exception {
        String id = create(valid("Ada")).getString("id");
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(Bearer.SUBPROTOCOL, valid("Grace"))
                .buildAsync(URI.create("ws://127.0.0.1:" + RestAssured.port + "/ws/sessions/" + id), new WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        first.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            assertThat(socket.getSubprotocol()).isEqualTo(Bearer.SUBPROTOCOL);
            socket.sendText("{\"type\":\"hello\",\"clientId\":\"g\"}", true).join();
            assertThat(first.get(10, TimeUnit.SECONDS)).contains("\"type\":\"welcome\"").contains("\"name\":\"Grace\"");
        } finally {
            socket.abort();
        }
    }

    @Test
    void theOwnerTokenGoesInItsOwnHeaderWhenAuthIsOn() {
        JsonPath s = create(valid("Ada"));
        String id = s.getString("id");
        given().header("Authorization", "Bearer " + valid("Ada")).post("/api/sessions/" + id + "/links/rotate").then().statusCode(401);
        given().header("Authorization", "Bearer " + valid("Ada")).header("X-Tandem-Owner", s.getString("ownerToken"))
                .post("/api/sessions/" + id + "/links/rotate").then().statusCode(200);
    }
}
