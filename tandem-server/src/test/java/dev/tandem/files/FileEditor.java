package dev.tandem.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.client.CollabState;
import dev.tandem.client.Pushable;
import dev.tandem.client.ReceiveResult;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;
import dev.tandem.realtime.RawSocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client of several files for tests, over a real socket: one {@link CollabState} per file (the same rules as
 * {@code @codemirror/collab}), one push in flight per file, rebasing after {@code conflict}. {@code v1} editors
 * never name a file, as a v1 client on the main file. Single-threaded: the test thread drives it.
 */
final class FileEditor implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final String clientId;
    final RawSocket socket;
    private final boolean v1;
    final String mainPath;
    /** By path. */
    final Map<String, CollabState> files = new LinkedHashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    final List<JsonNode> errors = new ArrayList<>();
    int conflicts;

    FileEditor(int port, String sessionId, String clientId, boolean v1) throws Exception {
        this.clientId = clientId;
        this.v1 = v1;
        this.socket = RawSocket.join(port, sessionId, clientId);
        JsonNode welcome = socket.welcome();
        mainPath = welcome.path("files").get(0).path("path").asText();
        for (JsonNode f : welcome.path("files")) {
            files.put(f.path("path").asText(), new CollabState(clientId, f.path("content").asText(), f.path("version").asInt()));
        }
    }

    String text(String path) {
        return files.get(path).text();
    }

    /** A local edit of {@code path}, pushed at once unless a push of that file is in flight. */
    void edit(String path, java.util.function.Function<String, ChangeSet> change) {
        CollabState state = files.get(path);
        state.localChange(change.apply(state.text()));
        pushIfIdle(path);
    }

    private void pushIfIdle(String path) {
        CollabState state = files.get(path);
        if (state == null || inFlight.contains(path)) return;
        Pushable p = state.pushable();
        if (p.isEmpty()) return;
        ObjectNode push = MAPPER.createObjectNode().put("type", "push").put("version", p.version());
        if (!v1) push.put("file", path);
        ArrayNode updates = push.putArray("updates");
        for (Update u : p.updates()) {
            ObjectNode json = updates.addObject().put("clientId", u.clientId()).put("seq", u.seq());
            try {
                json.set("changes", MAPPER.readTree(u.changes().toJson()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        socket.send(push.toString());
        inFlight.add(path);
    }

    /** Handles every message that arrives within {@code within}; true when at least one did. */
    boolean pump(Duration within) throws Exception {
        JsonNode m = socket.next(within);
        if (m == null) return false;
        handle(m);
        while ((m = socket.next(Duration.ZERO)) != null) handle(m);
        return true;
    }

    private void handle(JsonNode m) throws Exception {
        String path = m.has("file") ? m.path("file").asText() : mainPath;
        switch (m.path("type").asText()) {
            case "updates" -> {
                CollabState state = files.get(path);
                if (state == null) return;
                List<Update> updates = new ArrayList<>();
                for (JsonNode u : m.path("updates")) {
                    updates.add(new Update(u.path("clientId").asText(), u.path("seq").asInt(), ChangeSet.fromJson(u.path("changes"))));
                }
                if (state.receive(m.path("fromVersion").asInt(), updates) instanceof ReceiveResult.Gap) pull(path, state.version());
                pushIfIdle(path);
            }
            case "ack" -> {
                inFlight.remove(path);
                pushIfIdle(path);
            }
            case "conflict" -> {
                conflicts++;
                inFlight.remove(path);
                // The updates it lacks are on their way; they rebase the pending ones, which are pushed after them.
                if (files.get(path).version() >= m.path("version").asInt()) pushIfIdle(path);
            }
            case "file.created" -> files.putIfAbsent(m.path("path").asText(), new CollabState(clientId,
                    m.path("content").asText(), m.path("version").asInt()));
            case "file.renamed" -> {
                CollabState state = files.remove(m.path("path").asText());
                if (state != null) files.put(m.path("to").asText(), state);
                if (inFlight.remove(m.path("path").asText())) inFlight.add(m.path("to").asText());
            }
            case "file.deleted" -> {
                files.remove(m.path("path").asText());
                inFlight.remove(m.path("path").asText());
            }
            case "error" -> {
                errors.add(m);
                if (m.has("file")) inFlight.remove(m.path("file").asText());
                String current = m.path("file").asText(null);
                if (current != null && files.containsKey(current)) pushIfIdle(current);
                else for (String p : List.copyOf(files.keySet())) pushIfIdle(p);
            }
            default -> { }
        }
    }

    private void pull(String path, int version) {
        socket.send("{\"type\":\"pull\",\"version\":" + version + (v1 ? "" : ",\"file\":\"" + path + "\"") + "}");
    }

    boolean settled() {
        for (Map.Entry<String, CollabState> e : files.entrySet()) {
            if (e.getValue().unconfirmedCount() > 0 || inFlight.contains(e.getKey())) return false;
        }
        return true;
    }

    void send(String json) {
        socket.send(json);
    }

    @Override
    public void close() {
        socket.close();
    }
}
