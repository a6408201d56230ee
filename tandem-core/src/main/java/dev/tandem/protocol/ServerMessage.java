package dev.tandem.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tandem.protocol.Participant;

import java.util.List;

/** The messages a server sends on a session socket (see docs/protocol.md), except {@code updates}, which
 * {@link UpdatesJson} writes by streaming because it is on the hot path. */
public final class ServerMessage {
    private ServerMessage() {}

    @JsonPropertyOrder({"type", "sessionId", "clientId", "version", "content", "language", "title", "participants", "node",
            "resumeToken"})
    public record Welcome(String sessionId, String clientId, int version, String content, String language,
                          String title, List<Participant> participants, String node, String resumeToken) {
        public String getType() { return "welcome"; }
        public String getProtocol() { return ProtocolVersion.CURRENT; }
    }

    @JsonPropertyOrder({"type", "clientId", "seq", "version"})
    public record Ack(String clientId, int seq, int version) {
        public String getType() { return "ack"; }
    }

    @JsonPropertyOrder({"type", "version"})
    public record Conflict(int version) {
        public String getType() { return "conflict"; }
    }

    @JsonPropertyOrder({"type", "clientId", "name", "color"})
    public record Joined(String clientId, String name, String color) {
        public String getType() { return "joined"; }
    }

    @JsonPropertyOrder({"type", "clientId"})
    public record Left(String clientId) {
        public String getType() { return "left"; }
    }

    @JsonPropertyOrder({"type", "clientId", "name", "color", "selection", "version"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Presence(String clientId, String name, String color, Selection selection, int version) {
        public String getType() { return "presence"; }
    }

    @JsonPropertyOrder({"type", "code", "message", "ref"})
    public record Error(ErrorCode code, String message, Object ref) {
        public String getType() { return "error"; }
    }

    /** Tandem addition: the session's language is now {@code language}, switched by {@code by} ({@code clientId}). */
    @JsonPropertyOrder({"type", "language", "by", "clientId"})
    public record Language(String language, String by, String clientId) {
        public String getType() { return "language"; }
    }

    /** A cursor ({@code anchor == head}) or a selection. */
    public record Selection(int anchor, int head) {}
}
