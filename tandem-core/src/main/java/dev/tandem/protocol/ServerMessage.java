package dev.tandem.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tandem.protocol.Participant;

import java.util.List;

/** The messages a server sends on a session socket (see docs/protocol.md), except {@code updates}, which
 * {@link UpdatesJson} writes by streaming because it is on the hot path. */
public final class ServerMessage {
    private ServerMessage() {}

    /** {@code version} and {@code content} are the main file's (v1); {@code files} every file, the main one first (v1.1). */
    @JsonPropertyOrder({"type", "sessionId", "clientId", "version", "content", "language", "title", "participants", "node",
            "resumeToken", "files"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Welcome(String sessionId, String clientId, int version, String content, String language,
                          String title, List<Participant> participants, String node, String resumeToken,
                          List<FileContent> files) {
        public Welcome(String sessionId, String clientId, int version, String content, String language, String title,
                       List<Participant> participants, String node, String resumeToken) {
            this(sessionId, clientId, version, content, language, title, participants, node, resumeToken, null);
        }

        public String getType() { return "welcome"; }
        public String getProtocol() { return ProtocolVersion.CURRENT; }
    }

    /** v1.1 "Several files": one file as welcome and {@code GET /api/sessions/{id}} show it. */
    @JsonPropertyOrder({"path", "version", "content"})
    public record FileContent(String path, int version, String content) {}

    @JsonPropertyOrder({"type", "file", "clientId", "seq", "version"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ack(String clientId, int seq, int version, String file) {
        public Ack(String clientId, int seq, int version) {
            this(clientId, seq, version, null);
        }

        public String getType() { return "ack"; }
    }

    @JsonPropertyOrder({"type", "file", "version"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Conflict(int version, String file) {
        public Conflict(int version) {
            this(version, null);
        }

        public String getType() { return "conflict"; }
    }

    /** v1.1 "Several files": a file was made; everyone, the sender too, receives it. */
    @JsonPropertyOrder({"type", "path", "version", "content", "by", "clientId"})
    public record FileCreated(String path, int version, String content, String by, String clientId) {
        public String getType() { return "file.created"; }
    }

    /** v1.1 "Several files": {@code path} is now {@code to}, with its version line and history. */
    @JsonPropertyOrder({"type", "path", "to", "by", "clientId"})
    public record FileRenamed(String path, String to, String by, String clientId) {
        public String getType() { return "file.renamed"; }
    }

    /** v1.1 "Several files": the file is gone; pushes and pulls for it answer NO_SUCH_FILE. */
    @JsonPropertyOrder({"type", "path", "by", "clientId"})
    public record FileDeleted(String path, String by, String clientId) {
        public String getType() { return "file.deleted"; }
    }

    @JsonPropertyOrder({"type", "clientId", "name", "color"})
    public record Joined(String clientId, String name, String color) {
        public String getType() { return "joined"; }
    }

    @JsonPropertyOrder({"type", "clientId"})
    public record Left(String clientId) {
        public String getType() { return "left"; }
    }

    /** {@code file}: v1.1 "Several files", the file the selection is in (left out when null, for v1 servers' shape). */
    @JsonPropertyOrder({"type", "clientId", "name", "color", "selection", "version", "file"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Presence(String clientId, String name, String color, Selection selection, int version,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String file) {
        public Presence(String clientId, String name, String color, Selection selection, int version) {
            this(clientId, name, color, selection, version, null);
        }

        public String getType() { return "presence"; }
    }

    /** {@code file}: for a refusal about one file (v1.1 "Several files"), its path; left out otherwise. */
    @JsonPropertyOrder({"type", "code", "message", "ref", "file"})
    public record Error(ErrorCode code, String message, Object ref,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String file) {
        public Error(ErrorCode code, String message, Object ref) {
            this(code, message, ref, null);
        }

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
