package dev.tandem.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.api.Sessions;
import dev.tandem.collab.ChangeSet;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thousands of random and mutated messages (seeded) over several sockets against a live server; afterwards the
 * server is healthy, a fresh client can join and edit, every document equals the replay of its accepted
 * updates, no error message leaks an exception, and the heap has not grown without bound.
 */
@QuarkusTest
class ProtocolFuzzTest {
    private static final long SEED = 0x7A6D3E5L;
    private static final int MESSAGES = 4000;
    private static final int SESSIONS = 4;
    private static final int SOCKETS_PER_SESSION = 2;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Random random = new Random(SEED);

    private record Fuzzed(String id, String initial) {}

    @Test
    void theServerSurvivesAndStaysConsistent() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Fuzzed> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            String initial = "print('session " + s + "')\n# é 😀\n";
            sessions.add(new Fuzzed(Sessions.create(initial), initial));
        }
        long before = usedHeapAfterGc(memory);

        RawSocket[] sockets = new RawSocket[SESSIONS * SOCKETS_PER_SESSION];
        for (int i = 0; i < sockets.length; i++) sockets[i] = join(sessions.get(i / SOCKETS_PER_SESSION).id(), "f" + i);
        int[] versions = new int[SESSIONS];
        int[] lengths = new int[SESSIONS];
        int[] seqs = new int[sockets.length];
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos(); // bounded in time as well as count
        int sent = 0;
        for (int n = 0; n < MESSAGES && System.nanoTime() < deadline; n++) {
            if (n % 40 == 0) {
                for (int s = 0; s < SESSIONS; s++) {
                    JsonNode view = MAPPER.readTree(given().get("/api/sessions/" + sessions.get(s).id()).asString());
                    versions[s] = view.path("version").asInt();
                    lengths[s] = view.path("content").asText().length();
                }
            }
            int i = random.nextInt(sockets.length);
            int s = i / SOCKETS_PER_SESSION;
            String clientId = "f" + i;
            String valid = validPush(versions[s], lengths[s], clientId, ++seqs[i]);
            String message = switch (random.nextInt(12)) {
                case 0, 1, 2 -> valid;
                case 3 -> flipBits(valid);
                case 4 -> valid.substring(0, random.nextInt(valid.length()));
                case 5 -> wrongTypes(clientId, seqs[i]);
                case 6 -> hugeNumbers(clientId, seqs[i]);
                case 7 -> "[".repeat(1 + random.nextInt(5000)) + "]".repeat(random.nextInt(3));
                case 8 -> "{\"type\":\"push\",\"version\":" + versions[s] + ",\"updates\":[{\"clientId\":\"" + clientId
                        + "\",\"seq\":" + seqs[i] + ",\"changes\":[" + lengths[s] + ",[0,\"" + loneSurrogates() + "\"]]}]}";
                case 9 -> randomUnicodeJson();
                case 10 -> pickOther(versions[s], clientId);
                default -> "{\"type\":\"push\",\"version\":" + (versions[s] + 1 + random.nextInt(1000)) + ",\"updates\":[]}";
            };
            try {
                sockets[i].send(message);
                sent++;
            } catch (RuntimeException closedOrUnsendable) {
                sockets[i].close();
                sockets[i] = join(sessions.get(s).id(), clientId + "r" + n);
                seqs[i] = 0;
            }
            if (n % 8 == 0) Thread.sleep(1); // stay near the rate limit rather than far past it
        }
        assertThat(sent).isGreaterThan(MESSAGES / 2);

        // The documents settle, the server is ready, and a fresh client can join and edit.
        for (Fuzzed f : sessions) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                int v = Sessions.version(f.id());
                Thread.sleep(300);
                return Sessions.version(f.id()) == v;
            });
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"));
        Fuzzed first = sessions.get(0);
        try (RawSocket fresh = join(first.id(), "fresh")) {
            int version = Sessions.version(first.id());
            fresh.send("{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"fresh\",\"seq\":1,"
                    + "\"changes\":[[0,\"#ok\"]," + Sessions.content(first.id()).length() + "]}]}");
            assertThat(fresh.await("ack").path("version").asInt()).isEqualTo(version + 1);
        }

        // Every document is exactly the replay of its accepted updates.
        int accepted = 0;
        for (Fuzzed f : sessions) {
            JsonNode updates = MAPPER.readTree(given().get("/api/sessions/" + f.id() + "/updates?since=0")
                    .then().statusCode(200).extract().asString());
            String text = f.initial();
            for (JsonNode update : updates.path("updates")) text = ChangeSet.fromJson(update.path("changes")).apply(text);
            accepted += updates.path("updates").size();
            assertThat(text).as("replay of session %s", f.id()).isEqualTo(Sessions.content(f.id()));
        }
        assertThat(accepted).as("some fuzzed pushes were valid and accepted").isGreaterThan(50);

        // No error leaked an exception or a stack frame.
        for (RawSocket socket : sockets) {
            for (JsonNode m : socket.received()) {
                if (m.path("type").asText().equals("error")) {
                    assertThat(m.path("message").asText()).doesNotContain("Exception").doesNotContain("at dev.tandem")
                            .doesNotContain("at java.");
                }
            }
            socket.close();
        }

        long after = usedHeapAfterGc(memory);
        assertThat(after - before).as("heap growth after the fuzz (bytes)").isLessThan(96L * 1024 * 1024);
    }

    private static RawSocket join(String id, String clientId) throws Exception {
        return RawSocket.join(RestAssured.port, id, clientId);
    }

    private String validPush(int version, int length, String clientId, int seq) {
        int pos = length == 0 ? 0 : random.nextInt(length + 1);
        String insert = switch (random.nextInt(3)) {
            case 0 -> "x";
            case 1 -> "é";
            default -> "ab";
        };
        // Inserting only at a position: never splits a surrogate pair in a way the server rejects for good.
        String changes = pos == 0 ? "[[0,\"" + insert + "\"]," + length + "]"
                : pos == length ? "[" + length + ",[0,\"" + insert + "\"]]"
                : "[" + pos + ",[0,\"" + insert + "\"]," + (length - pos) + "]";
        return "{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"" + clientId
                + "\",\"seq\":" + seq + ",\"changes\":" + changes + "}]}";
    }

    private String flipBits(String json) {
        char[] chars = json.toCharArray();
        int flips = 1 + random.nextInt(4);
        for (int k = 0; k < flips; k++) {
            int at = random.nextInt(chars.length);
            chars[at] = (char) (chars[at] ^ (1 << random.nextInt(7))); // stays ASCII: sendable over UTF-8
        }
        return new String(chars);
    }

    private String wrongTypes(String clientId, int seq) {
        String[] values = {"\"x\"", "true", "null", "{}", "[]", "1.5", "-1", "\"0\""};
        String v = values[random.nextInt(values.length)];
        return switch (random.nextInt(5)) {
            case 0 -> "{\"type\":\"push\",\"version\":" + v + ",\"updates\":[]}";
            case 1 -> "{\"type\":\"push\",\"version\":0,\"updates\":" + v + "}";
            case 2 -> "{\"type\":\"push\",\"version\":0,\"updates\":[{\"clientId\":" + v + ",\"seq\":" + seq + ",\"changes\":[]}]}";
            case 3 -> "{\"type\":" + v + "}";
            default -> "{\"type\":\"presence\",\"selection\":" + v + ",\"version\":" + v + "}";
        };
    }

    private String hugeNumbers(String clientId, int seq) {
        String[] values = {"99999999999999999999999", "1e309", "-2147483649", "2147483648", "9223372036854775808", "1e-400"};
        String v = values[random.nextInt(values.length)];
        return switch (random.nextInt(3)) {
            case 0 -> "{\"type\":\"push\",\"version\":" + v + ",\"updates\":[]}";
            case 1 -> "{\"type\":\"pull\",\"version\":" + v + "}";
            default -> "{\"type\":\"push\",\"version\":0,\"updates\":[{\"clientId\":\"" + clientId + "\",\"seq\":" + v
                    + ",\"changes\":[" + v + "]}]}";
        };
    }

    private String loneSurrogates() {
        return random.nextBoolean() ? "\\ud800" : "a\\udfffb\\ud83d";
    }

    private String randomUnicodeJson() {
        StringBuilder sb = new StringBuilder("{\"type\":\"");
        int n = random.nextInt(20);
        for (int k = 0; k < n; k++) {
            int cp = random.nextInt(0x2FFFF);
            if (cp >= 0xD800 && cp <= 0xDFFF) cp = 'x'; // raw lone surrogates cannot be sent as UTF-8 at all
            if (cp == '"' || cp == '\\' || cp < 0x20) cp = 'y';
            sb.appendCodePoint(cp);
        }
        return random.nextBoolean() ? sb.append("\"}").toString() : sb.toString();
    }

    private String pickOther(int version, String clientId) {
        return switch (random.nextInt(6)) {
            case 0 -> "{\"type\":\"pull\",\"version\":" + random.nextInt(version + 2) + "}";
            case 1 -> "{\"type\":\"presence\",\"selection\":{\"anchor\":" + random.nextInt(50) + ",\"head\":-3},\"version\":" + version + "}";
            case 2 -> "{\"type\":\"hello\",\"clientId\":\"" + clientId + "\"}";
            case 3 -> "{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"someone-else\",\"seq\":1,\"changes\":[0]}]}";
            case 4 -> "";
            default -> "{\"type\":\"push\",\"version\":" + (version - 1 - random.nextInt(5)) + ",\"updates\":[]}";
        };
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
