package dev.tandem.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What the cluster tests do over a node's REST API: make a session, and count tokens in a text. */
final class NodeSessions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private NodeSessions() {}

    /** A new empty Python session on {@code node}; its link (the id clients join with). */
    static String createSession(URI node) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(node.resolve("/api/sessions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"language\":\"python\",\"content\":\"\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asText();
    }

    /** The session's text as {@code node} serves it. */
    static String content(URI node, String sessionId) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(node.resolve("/api/sessions/" + sessionId)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("content").asText();
    }

    /** How many times {@code token} occurs in {@code text} (a token typed once must be there once). */
    static int occurrences(String text, String token) {
        int count = 0;
        for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) count++;
        return count;
    }
}
