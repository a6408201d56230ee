package dev.tandem.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.InvalidChangesException;
import dev.tandem.collab.Update;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads client messages with strict validation: anything that does not match the contract becomes a
 * {@link ProtocolException} naming what is wrong, before it can reach a document.
 */
public final class ClientMessageParser {
    public static final int MAX_CLIENT_ID_LENGTH = 128;
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_UPDATES_PER_PUSH = 1000;

    private final ObjectMapper mapper;

    public ClientMessageParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ClientMessage parse(String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad("malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw bad("a message must be a JSON object");
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) throw bad("a message needs a string field \"type\"");
        return switch (type.textValue()) {
            case "hello" -> new ClientMessage.Hello(optionalId(node, "clientId"), optionalName(node),
                    optionalId(node, "resumeToken"));
            case "push" -> new ClientMessage.Push(version(node), updates(node), optionalPath(node, "file"));
            case "pull" -> new ClientMessage.Pull(version(node), optionalPath(node, "file"));
            case "presence" -> new ClientMessage.Presence(selection(node), version(node), optionalPath(node, "file"));
            case "run" -> new ClientMessage.Run(optionalString(node, "stdin"), optionalBoolean(node, "interactive"));
            case "submit" -> new ClientMessage.Submit(submitMode(node));
            case "language" -> new ClientMessage.Language(languageId(node));
            case "run.input" -> new ClientMessage.RunInput(requiredId(node, "runId"), requiredString(node, "data"));
            case "run.eof" -> new ClientMessage.RunEof(requiredId(node, "runId"));
            case "run.cancel" -> new ClientMessage.RunCancel(requiredId(node, "runId"));
            case "file.create" -> new ClientMessage.FileCreate(requiredPath(node, "path"), optionalString(node, "content"));
            case "file.rename" -> new ClientMessage.FileRename(requiredPath(node, "path"), requiredPath(node, "to"));
            case "file.delete" -> new ClientMessage.FileDelete(requiredPath(node, "path"));
            default -> throw bad("unknown message type '" + type.textValue() + "'");
        };
    }

    private static List<Update> updates(JsonNode node) {
        JsonNode updates = node.get("updates");
        if (updates == null || !updates.isArray()) throw bad("push needs an array \"updates\"");
        if (updates.size() > MAX_UPDATES_PER_PUSH) {
            throw new ProtocolException(ErrorCode.TOO_LARGE,
                    "a push may carry at most " + MAX_UPDATES_PER_PUSH + " updates, this one has " + updates.size());
        }
        List<Update> result = new ArrayList<>(updates.size());
        for (JsonNode update : updates) {
            if (!update.isObject()) throw bad("each update must be an object {clientId, seq, changes}");
            String clientId = requiredId(update, "clientId");
            int seq = nonNegativeInt(update, "seq");
            if (seq < 1) throw bad("seq counts from 1");
            JsonNode changes = update.get("changes");
            if (changes == null) throw bad("update " + clientId + "#" + seq + " has no \"changes\"");
            try {
                result.add(new Update(clientId, seq, ChangeSet.fromJson(changes)));
            } catch (InvalidChangesException e) {
                throw new ProtocolException(ErrorCode.INVALID_CHANGES,
                        "update " + clientId + "#" + seq + ": " + e.getMessage());
            }
        }
        return result;
    }

    private static ServerMessage.Selection selection(JsonNode node) {
        JsonNode selection = node.get("selection");
        if (selection == null || selection.isNull()) return null;
        if (!selection.isObject()) throw bad("selection must be {anchor, head} or null");
        return new ServerMessage.Selection(nonNegativeInt(selection, "anchor"), nonNegativeInt(selection, "head"));
    }

    private static int version(JsonNode node) {
        return nonNegativeInt(node, "version");
    }

    private static int nonNegativeInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw bad("\"" + field + "\" must be a non-negative integer");
        }
        return value.intValue();
    }

    private static String requiredId(JsonNode node, String field) {
        return required(optionalId(node, field), field);
    }

    private static String optionalId(JsonNode node, String field) {
        String id = optionalString(node, field);
        if (id == null) return null;
        if (id.isEmpty() || id.length() > MAX_CLIENT_ID_LENGTH) {
            throw bad("\"" + field + "\" must be 1 to " + MAX_CLIENT_ID_LENGTH + " characters");
        }
        return id;
    }

    private static String optionalName(JsonNode node) {
        String name = optionalString(node, "name");
        if (name == null || name.isBlank()) return "Anonymous";
        name = name.strip();
        return name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
    }

    private static String optionalString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw bad("\"" + field + "\" must be a string");
        return value.textValue();
    }

    private static String requiredString(JsonNode node, String field) {
        return required(optionalString(node, field), field);
    }

    /** The value of a field that must be there: {@code value} as an optional reader read it. */
    private static String required(String value, String field) {
        if (value == null) throw bad("\"" + field + "\" is required");
        return value;
    }

    private static boolean optionalBoolean(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return false;
        if (!value.isBoolean()) throw bad("\"" + field + "\" must be true or false");
        return value.booleanValue();
    }

    private static String submitMode(JsonNode node) {
        String mode = optionalString(node, "mode");
        if (mode == null) return "submit";
        if (!mode.equals("submit") && !mode.equals("examples")) throw bad("\"mode\" must be \"submit\" or \"examples\"");
        return mode;
    }

    /** A language id's shape only ("python", "cpp"); whether the server runs it is the server's to say. */
    private static String languageId(JsonNode node) {
        String id = optionalString(node, "language");
        if (id == null || !id.matches("[a-z0-9+#_-]{1,32}")) throw bad("\"language\" must be a language id such as \"python\"");
        return id;
    }

    /** A path field of v1.1 "Several files": a string; whether it is a valid path is BAD_PATH's to say (FilePaths). */
    private static String optionalPath(JsonNode node, String field) {
        String path = optionalString(node, field);
        if (path != null && path.length() > FilePaths.MAX_LENGTH * 4) {
            throw new ProtocolException(ErrorCode.BAD_PATH, "\"" + field + "\": a path has at most " + FilePaths.MAX_LENGTH + " characters");
        }
        return path;
    }

    private static String requiredPath(JsonNode node, String field) {
        String path = optionalPath(node, field);
        if (path == null) throw bad("\"" + field + "\" is required");
        return path;
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(ErrorCode.BAD_MESSAGE, message);
    }
}
