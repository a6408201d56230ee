package dev.tandem.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.collab.Update;

import java.util.List;

/** The server messages a {@link TandemClient} understands (see the wire contract). */
public sealed interface Incoming {

    record Participant(String clientId, String name, String color) {}

    /** {@code resumeToken}: the v1.1 token to send with the next hello of this clientId (null from v1 servers). */
    record Welcome(String sessionId, String clientId, int version, String content, String language,
                   List<Participant> participants, String node, String resumeToken) implements Incoming {}

    record Updates(int fromVersion, List<Update> updates) implements Incoming {
        public int toVersion() {
            return fromVersion + updates.size();
        }
    }

    record Ack(String clientId, int seq, int version) implements Incoming {}

    record Conflict(int version) implements Incoming {}

    record Joined(String clientId, String name, String color) implements Incoming {}

    record Left(String clientId) implements Incoming {}

    /** Another participant's cursor or selection at {@code version}; {@code selection} null hides it. */
    record Presence(String clientId, String name, String color, Selection selection, int version) implements Incoming {}

    record Selection(int anchor, int head) {}

    /** {@code ref} names the request it answers ({@code "push"}, {@code "pull"}...) or is null. */
    record Error(String code, String message, String ref) implements Incoming {}

    /** Anything else (run events, messages added to the protocol later): type and raw JSON. */
    record Other(String type, JsonNode json) implements Incoming {}
}
