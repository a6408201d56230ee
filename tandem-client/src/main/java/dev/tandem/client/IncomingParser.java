package dev.tandem.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;

import java.util.ArrayList;
import java.util.List;

/** Reads server messages into {@link Incoming} records; unknown fields are ignored, as the contract asks. */
final class IncomingParser {
    /** The main file's path from the last welcome (v1.1), or null from a v1 server. */
    private volatile String mainPath;

    /** A file-scoped message (v1.1 "Several files") of a file other than the main one, whose path may change. */
    private boolean isAboutAnotherFile(String type, JsonNode node) {
        if (!node.hasNonNull("file")) return false;
        if (!type.equals("updates") && !type.equals("ack") && !type.equals("conflict") && !type.equals("presence")) return false;
        String main = mainPath;
        return main != null && !main.equals(node.path("file").asText());
    }

    private final ObjectMapper mapper;

    IncomingParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @throws IllegalArgumentException when the text is not a server message this client can read */
    Incoming parse(String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON from the server: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException("server message is not an object");
        String type = node.path("type").asText("");
        if (type.equals("welcome")) {
            // v1.1 "Several files": the first entry of files is the main file, the one this client edits.
            JsonNode files = node.path("files");
            mainPath = files.isArray() && files.size() > 0 ? files.get(0).path("path").asText(null) : null;
        } else if (type.equals("language")) {
            mainPath = null; // the main file's name follows the language; the next welcome tells it again
        } else if (isAboutAnotherFile(type, node)) {
            return new Incoming.Other(type, node); // this client edits only the main file
        }
        return switch (type) {
            case "welcome" -> new Incoming.Welcome(str(node, "sessionId"), str(node, "clientId"),
                    integer(node, "version"), node.path("content").asText(""), str(node, "language"),
                    participants(node.path("participants")), str(node, "node"),
                    node.path("resumeToken").isTextual() ? node.path("resumeToken").textValue() : null);
            case "updates" -> new Incoming.Updates(integer(node, "fromVersion"), updates(node.path("updates")));
            case "ack" -> new Incoming.Ack(str(node, "clientId"), integer(node, "seq"), integer(node, "version"));
            case "conflict" -> new Incoming.Conflict(integer(node, "version"));
            case "joined" -> new Incoming.Joined(str(node, "clientId"), str(node, "name"), str(node, "color"));
            case "left" -> new Incoming.Left(str(node, "clientId"));
            case "presence" -> new Incoming.Presence(str(node, "clientId"), str(node, "name"), str(node, "color"),
                    selection(node.get("selection")), node.path("version").asInt(0));
            case "error" -> new Incoming.Error(str(node, "code"), str(node, "message"),
                    node.hasNonNull("ref") ? node.get("ref").asText() : null);
            default -> new Incoming.Other(type, node);
        };
    }

    private static List<Update> updates(JsonNode array) {
        if (!array.isArray()) throw new IllegalArgumentException("\"updates\" is not an array");
        List<Update> updates = new ArrayList<>(array.size());
        for (JsonNode u : array) {
            updates.add(new Update(str(u, "clientId"), integer(u, "seq"), ChangeSet.fromJson(u.path("changes"))));
        }
        return updates;
    }

    private static List<Incoming.Participant> participants(JsonNode array) {
        List<Incoming.Participant> participants = new ArrayList<>();
        for (JsonNode p : array) participants.add(new Incoming.Participant(str(p, "clientId"), str(p, "name"), str(p, "color")));
        return participants;
    }

    private static Incoming.Selection selection(JsonNode node) {
        if (node == null || !node.isObject()) return null;
        return new Incoming.Selection(node.path("anchor").asInt(), node.path("head").asInt());
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException("server message lacks an integer \"" + field + "\"");
        }
        return value.intValue();
    }

    private static String str(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
