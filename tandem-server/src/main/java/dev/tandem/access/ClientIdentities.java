package dev.tandem.access;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.tandem.session.SessionIds;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * "Identity across reconnects" of the v1.1 contract: a clientId that once joined a session stays its own. The
 * first hello with a clientId claims it and gets a resume token (128 random bits); every later hello with that
 * clientId must present it. Without this anyone could say hello with a victim's clientId and push updates
 * under it (with a huge seq, the victim's own later updates would then be skipped as resends).
 *
 * <p>Map {@value #MAP}: internal session id → (clientId → SHA-256 of its token). Only hashes are kept, as for
 * links; the token goes back to the client that presented it.
 */
@ApplicationScoped
public class ClientIdentities {
    public static final String MAP = "tandem.identities";

    /** What a hello's claim came to; {@code token} is the one to put in welcome (null when taken). */
    public record Claim(Outcome outcome, String token) {
        public boolean taken() {
            return outcome == Outcome.TAKEN;
        }
    }

    public enum Outcome {
        /** The clientId is new in the session: it is now this client's. */
        FRESH,
        /** The clientId joined before and the right token came with it. */
        RESUMED,
        /** The clientId joined before and the token was missing or wrong. */
        TAKEN
    }

    private final IMap<String, HashMap<String, String>> identities;

    public ClientIdentities(HazelcastInstance hazelcast) {
        this.identities = hazelcast.getMap(MAP);
    }

    /** Claims (or resumes) {@code clientId} in a session with the token the hello carried (null: none). */
    public CompletionStage<Claim> claim(String sessionId, String clientId, String presentedToken) {
        String token = presentedToken != null ? presentedToken : SessionIds.newId();
        return identities.submitToKey(sessionId, new ClaimProcessor(clientId, SessionAccess.hash(token)))
                .thenApply(name -> {
                    Outcome outcome = Outcome.valueOf(name);
                    return new Claim(outcome, outcome == Outcome.TAKEN ? null : token);
                });
    }

    /** Forgets every identity of a session (it was closed). */
    public void forget(String sessionId) {
        identities.delete(sessionId);
    }

    /**
     * Runs on the member that owns the session's entry, so two claims of one clientId cannot both win. Answers
     * the {@link Outcome}'s name: a String travels between members with Hazelcast's own serializer.
     */
    record ClaimProcessor(String clientId, String tokenHash)
            implements EntryProcessor<String, HashMap<String, String>, String> {
        @Override
        public String process(Map.Entry<String, HashMap<String, String>> entry) {
            HashMap<String, String> known = entry.getValue() == null ? new HashMap<>() : entry.getValue();
            String expected = known.get(clientId);
            if (expected == null) {
                known.put(clientId, tokenHash);
                entry.setValue(known);
                return Outcome.FRESH.name();
            }
            boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    tokenHash.getBytes(StandardCharsets.US_ASCII));
            return (same ? Outcome.RESUMED : Outcome.TAKEN).name();
        }
    }
}
