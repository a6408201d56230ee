package dev.tandem.protocol;

import dev.tandem.collab.Update;

import java.util.List;

/** The messages a client sends on a session socket (see docs/protocol.md). */
public sealed interface ClientMessage {

    /**
     * First message on every connection; a reconnecting client sends its old clientId with the resumeToken its
     * first welcome gave it (null for a fresh clientId).
     */
    record Hello(String clientId, String name, String resumeToken) implements ClientMessage {
        public Hello(String clientId, String name) {
            this(clientId, name, null);
        }
    }

    /** Updates made on top of {@code version} of {@code file} (v1.1 "Several files"; null: the main file). */
    record Push(int version, List<Update> updates, String file) implements ClientMessage {
        public Push(int version, List<Update> updates) {
            this(version, updates, null);
        }
    }

    /** Asks for every update of {@code file} (null: the main file) accepted after {@code version}. */
    record Pull(int version, String file) implements ClientMessage {
        public Pull(int version) {
            this(version, null);
        }
    }

    /** This client's cursor or selection at {@code version} of {@code file} (null: the main file); a null selection hides it. */
    record Presence(ServerMessage.Selection selection, int version, String file) implements ClientMessage {
        public Presence(ServerMessage.Selection selection, int version) {
            this(selection, version, null);
        }
    }

    /**
     * Runs the document as it is now, for everyone in the session; {@code interactive} (v1.1 "Interactive runs")
     * keeps the program's stdin open after {@code stdin}.
     */
    record Run(String stdin, boolean interactive) implements ClientMessage {
        public Run(String stdin) {
            this(stdin, false);
        }
    }

    /** Judges the document as it is now against the session's problem: mode "submit" (default) or "examples". */
    record Submit(String mode) implements ClientMessage {}

    /**
     * Tandem addition (not in the shared contract): switches the session's language for everyone; editors only.
     * The server checks the id against its languages.
     */
    record Language(String language) implements ClientMessage {}
    /** v1.1 "Interactive runs": appends {@code data} to the stdin of a running interactive run. */
    record RunInput(String runId, String data) implements ClientMessage {}

    /** v1.1 "Interactive runs": closes the stdin of an interactive run. */
    record RunEof(String runId) implements ClientMessage {}

    /** v1.1 "Interactive runs": stops a queued or running run, interactive or not (outcome cancelled). */
    record RunCancel(String runId) implements ClientMessage {}

    /** v1.1 "Several files": a new file with its first content, for everyone. */
    record FileCreate(String path, String content) implements ClientMessage {}

    /** v1.1 "Several files": renames a file; it keeps its version line and history. */
    record FileRename(String path, String to) implements ClientMessage {}

    /** v1.1 "Several files": deletes a file (never the main file). */
    record FileDelete(String path) implements ClientMessage {}
}
