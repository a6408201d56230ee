package dev.tandem.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;
import dev.tandem.judge.SubmissionEventSamples;
import dev.tandem.run.RunEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml cannot drift from the code: every message type the protocol records define (client
 * messages, server messages, run and submission events) is in the document for its direction, every field
 * they put on the wire is among its payload's properties, and the document names no message the code lacks.
 * The server messages' fields come from serialising a sample of each record, so they are the real wire names.
 */
class AsyncApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode doc;

    @BeforeAll
    static void read() throws Exception {
        doc = new ObjectMapper(new YAMLFactory()).readTree(dev.tandem.RepoFiles.path("docs/asyncapi.yaml").toFile());
    }

    @Test
    void everyClientMessageIsDocumentedWithEveryField() {
        Map<String, Set<String>> code = new TreeMap<>();
        for (Class<?> type : ClientMessage.class.getPermittedSubclasses()) {
            Set<String> fields = new TreeSet<>(List.of("type"));
            for (RecordComponent c : type.getRecordComponents()) fields.add(c.getName());
            // the wire type: RunInput -> run.input (one word: Hello -> hello)
            code.put(type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1.$2").toLowerCase(java.util.Locale.ROOT), fields);
        }
        assertMatches(documented("fromClient"), code);
    }

    @Test
    void everyServerMessageIsDocumentedWithEveryField() throws Exception {
        List<String> samples = new ArrayList<>();
        for (Class<?> type : ServerMessage.class.getDeclaredClasses()) {
            if (!type.isRecord() || !hasTypeProperty(type)) continue; // e.g. Selection is a part, not a message
            samples.add(JSON.writeValueAsString(sample(type)));
        }
        for (Class<?> type : RunEvents.class.getDeclaredClasses()) {
            if (type.isRecord()) samples.add(JSON.writeValueAsString(sample(type)));
        }
        samples.add(UpdatesJson.write(new JsonFactory(), 0, List.of(new Update("ada", 1, ChangeSet.empty(0)))));
        samples.addAll(SubmissionEventSamples.all());

        Map<String, Set<String>> code = new TreeMap<>();
        for (String json : samples) {
            JsonNode node = JSON.readTree(json);
            Set<String> fields = new TreeSet<>();
            node.fieldNames().forEachRemaining(fields::add);
            code.put(node.path("type").asText(), fields);
        }
        assertThat(code).containsKeys("welcome", "updates", "ack", "error", "run.output", "submission.finished");
        assertMatches(documented("toClient"), code);
    }

    /** Message name to payload property names, for the messages of one operation. */
    private static Map<String, Set<String>> documented(String operation) {
        Map<String, Set<String>> messages = new TreeMap<>();
        for (JsonNode ref : doc.path("operations").path(operation).path("messages")) {
            String key = last(ref.path("$ref").asText()); // #/channels/session/messages/<key>
            String channelRef = doc.path("channels").path("session").path("messages").path(key).path("$ref").asText();
            JsonNode message = doc.path("components").path("messages").path(last(channelRef));
            assertThat(message.isMissingNode()).as("component message %s", key).isFalse();
            Set<String> properties = new TreeSet<>();
            message.path("payload").path("properties").fieldNames().forEachRemaining(properties::add);
            messages.put(message.path("name").asText(), properties);
        }
        return messages;
    }

    private static void assertMatches(Map<String, Set<String>> documented, Map<String, Set<String>> code) {
        assertThat(documented.keySet()).as("message types in docs/asyncapi.yaml").isEqualTo(code.keySet());
        code.forEach((name, fields) -> assertThat(documented.get(name))
                .as("properties of '%s' in docs/asyncapi.yaml", name).containsAll(fields));
    }

    private static boolean hasTypeProperty(Class<?> type) {
        try {
            type.getMethod("getType");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** A record with a value for every component, so that no field is left out of its JSON. */
    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(types[i]);
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(values);
    }

    private static Object value(Class<?> t) throws Exception {
        if (t == String.class || t == Object.class) return "s";
        if (t == int.class || t == Integer.class) return 1;
        if (t == long.class || t == Long.class) return 1L;
        if (t == boolean.class || t == Boolean.class) return true;
        if (t == double.class || t == Double.class) return 1.0;
        if (t.isEnum()) return t.getEnumConstants()[0];
        if (List.class.isAssignableFrom(t)) return List.of();
        if (t.isRecord()) return sample(t);
        throw new IllegalStateException("no sample value for " + t);
    }

    private static String last(String ref) {
        Iterator<String> parts = List.of(ref.split("/")).iterator();
        String last = null;
        while (parts.hasNext()) last = parts.next();
        return last;
    }
}
