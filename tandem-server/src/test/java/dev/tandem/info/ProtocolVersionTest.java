package dev.tandem.info;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.api.Sessions;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.in;

/**
 * A client can tell which contract a server speaks before relying on it: {@code GET /api/info} and every
 * {@code welcome} carry {@code "protocol":"1.1"}, and the info lists only features that are contract names.
 */
@QuarkusTest
class ProtocolVersionTest {

    @Test
    void infoNamesTheProtocolAndOnlyContractFeatures() {
        given().get("/api/info").then().statusCode(200)
                .body("protocol", equalTo("1.1"))
                .body("features", everyItem(in(java.util.Arrays.stream(dev.tandem.protocol.Feature.values())
                        .map(dev.tandem.protocol.Feature::wireName).toList())))
                // the two this wave serves: identity across reconnects and durable sessions
                .body("features", org.hamcrest.Matchers.hasItems("identity", "storage"));
    }

    @Test
    void welcomeCarriesTheProtocolVersion() throws Exception {
        String id = Sessions.create("x");
        try (RawSocket ada = RawSocket.open(RestAssured.port, id)) {
            ada.send("{\"type\":\"hello\",\"clientId\":\"ada\",\"name\":\"Ada\"}");
            JsonNode welcome = ada.expect("welcome");
            assertThat(welcome.path("protocol").asText()).isEqualTo("1.1");
        }
    }
}
