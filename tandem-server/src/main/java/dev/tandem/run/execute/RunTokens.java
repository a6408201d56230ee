package dev.tandem.run.execute;

import dev.tandem.run.queue.RunRecord;
import dev.tandem.run.queue.RunStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The run token of a run without a session: the capability that controls it ({@code X-Tandem-Run-Token} on
 * {@code POST /api/runs/{runId}/input|cancel}). 256 random bits, shown once in the answer to {@code POST
 * /api/runs}; the cluster keeps only its SHA-256 (a token is random, so no salt or slow hash is needed), so a
 * read of the record, a heap dump or a backup does not give it away, and {@code GET} never shows it.
 */
@ApplicationScoped
public class RunTokens implements dev.tandem.run.RunTokenCheck {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token and the hash to store. */
    public record Issued(String token, String hash) {}

    private final RunStore store;

    public RunTokens(RunStore store) {
        this.store = store;
    }

    public static Issued issue() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        return new Issued(token, hash(token));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code token} is the run token of this record (false for a session run, which has none). */
    public static boolean matches(RunRecord record, String token) {
        if (record == null || record.runTokenHash() == null || token == null || token.isEmpty() || token.length() > 256) {
            return false;
        }
        return MessageDigest.isEqual(record.runTokenHash().getBytes(StandardCharsets.US_ASCII),
                hash(token).getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code token} controls run {@code runId} (reads the record: blocking, off the event loop). */
    public boolean allows(String runId, String token) {
        return matches(store.find(runId), token);
    }

    /** {@code X-Tandem-Run-Token} on {@code POST /api/runs/{runId}/input|eof|cancel} (api.RunControlResource). */
    @Override
    public boolean grants(String runId, String runToken) {
        return allows(runId, runToken);
    }
}
