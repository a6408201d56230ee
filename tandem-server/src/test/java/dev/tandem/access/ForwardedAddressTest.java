package dev.tandem.access;

import dev.tandem.api.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-address limits behind the shipped load balancer (deployment/lb's nginx, started by the test on a free
 * loopback port). Attack it stands for (issue 13 item 6): behind a proxy every client had the proxy's
 * address, so one user exhausted the per-address limits for everybody; and trusting forwarded headers from
 * anyone would let a client name a new address on every request to escape them.
 */
@QuarkusTest
@TestProfile(ProxyProfile.class)
class ForwardedAddressTest {
    private static ShippedNginx nginx;

    private static synchronized int proxyPort() throws Exception {
        if (nginx == null) nginx = ShippedNginx.inFrontOf(RestAssured.port);
        return nginx.port;
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) nginx.close();
    }

    private static int createSession(String from, int port, String headers) throws Exception {
        return BoundClient.request(from, port, "POST", "/api/sessions", "{\"content\":\"x\"}", headers);
    }

    @Test
    void twoClientsBehindTheProxyAreLimitedSeparately() throws Exception {
        int lb = proxyPort();
        for (int i = 0; i < 3; i++) assertThat(createSession("127.0.0.2", lb, "")).isEqualTo(201);
        assertThat(createSession("127.0.0.2", lb, "")).as("the fourth in a minute").isEqualTo(429);
        // forging the header behind the proxy gains nothing: the proxy overwrites it with the real address
        assertThat(createSession("127.0.0.2", lb, "X-Forwarded-For: 10.9.9.9\r\n")).isEqualTo(429);
        // someone else behind the same proxy is not affected
        assertThat(createSession("127.0.0.3", lb, "")).isEqualTo(201);
    }

    @Test
    void aDirectClientThatForgesXForwardedForGainsNothing() throws Exception {
        int direct = RestAssured.port;
        for (int i = 0; i < 3; i++) {
            assertThat(createSession("127.0.0.4", direct, "X-Forwarded-For: 10.0.0." + i + "\r\n")).isEqualTo(201);
        }
        assertThat(createSession("127.0.0.4", direct, "X-Forwarded-For: 10.0.0.99\r\n")).isEqualTo(429);
        assertThat(createSession("127.0.0.4", direct, "Forwarded: for=10.0.0.98\r\n")).isEqualTo(429);
    }

    @Test
    void socketsBehindTheProxyAreCountedPerClient() throws Exception {
        int lb = proxyPort();
        String path = "/ws/sessions/" + Sessions.create("x");
        // one after the other: admission is asynchronous, so sockets opened together may be admitted in any order
        try (BoundClient a1 = joined("127.0.0.5", lb, path, "a1");
             BoundClient a2 = joined("127.0.0.5", lb, path, "a2");
             BoundClient a3 = BoundClient.socket("127.0.0.5", lb, path, "")) {
            assertThat(a3.awaitText("RATE_LIMITED")).contains("connections from one address");
            try (BoundClient b1 = joined("127.0.0.6", lb, path, "b1")) {
                assertThat(b1.awaitText("\"welcome\"")).doesNotContain("RATE_LIMITED");
            }
        }
    }

    /** A socket from {@code from} that said hello and got its welcome. */
    private static BoundClient joined(String from, int port, String path, String clientId) throws Exception {
        BoundClient socket = BoundClient.socket(from, port, path, "");
        socket.sendText("{\"type\":\"hello\",\"clientId\":\"" + clientId + "\"}");
        socket.awaitText("\"welcome\"");
        return socket;
    }

    @Test
    void restReadsAreLimitedPerClient() throws Exception {
        int lb = proxyPort();
        for (int i = 0; i < 5; i++) {
            assertThat(BoundClient.request("127.0.0.8", lb, "GET", "/api/languages", null, "")).isEqualTo(200);
        }
        assertThat(BoundClient.request("127.0.0.8", lb, "GET", "/api/languages", null, "")).isEqualTo(429);
        assertThat(BoundClient.request("127.0.0.9", lb, "GET", "/api/languages", null, "")).isEqualTo(200);
    }
}
