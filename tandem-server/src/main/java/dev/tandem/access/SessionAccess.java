package dev.tandem.access;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.judge.SubmissionStore;
import dev.tandem.session.SessionIds;
import dev.tandem.session.SessionInfo;
import dev.tandem.session.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Capability links of sessions. Every session has an <b>edit</b> capability, a <b>view</b> capability and an
 * <b>owner token</b>, each 128 random bits. {@code POST /api/sessions} answers the edit capability as the
 * session's {@code id}, so {@code /ws/sessions/{id}} works for every existing client; the internal session id
 * (in run records) grants nothing. A rotation replaces the edit and view capabilities with new random ones.
 *
 * <p>The cluster stores only SHA-256 hashes of capabilities and owner tokens: {@value #LINKS_MAP} maps the
 * hash of a capability to {@code "EDIT <sessionId>"} or {@code "VIEW <sessionId>"}, and {@value #ACCESS_MAP}
 * maps a session id to {@code "<editHash> <viewHash> <ownerHash>"}. (A plain hash suffices: the tokens are
 * random, not passwords, so there is nothing to brute-force a dictionary against.)
 */
@ApplicationScoped
public class SessionAccess {
    public static final String LINKS_MAP = "tandem.links";
    public static final String ACCESS_MAP = "tandem.access";

    public enum Role { EDIT, VIEW }

    /** What a capability grants: a role in one session (by its internal id). */
    public record Grant(String sessionId, Role role) {
        public boolean canEdit() {
            return role == Role.EDIT;
        }
    }

    /** Capabilities handed out on creation and rotation (owner is null after a rotation: it does not change). */
    public record Links(String edit, String view, String owner) {}

    private final IMap<String, String> links;
    private final IMap<String, String> access;
    private final IMap<String, SessionInfo> sessions;
    private final IMap<String, Object> documents;
    private final dev.tandem.storage.DocumentLog log;
    private final IMap<String, Object> identities;

    /**
     * Every map that holds part of a session gets the cluster's backup count, so losing a node cannot leave a
     * session with its document but without its links, identities or submissions. (The judge's maps are named
     * here rather than in the judge, so one place decides.)
     */
    public static void configure(Config config, int backupCount) {
        for (String map : List.of(LINKS_MAP, ACCESS_MAP, ClientIdentities.MAP, SubmissionStore.MAP, SubmissionStore.LATEST,
                SubmissionStore.HISTORY)) {
            config.addMapConfig(new MapConfig(map).setBackupCount(backupCount));
        }
    }

    public SessionAccess(HazelcastInstance hazelcast) {
        this.links = hazelcast.getMap(LINKS_MAP);
        this.access = hazelcast.getMap(ACCESS_MAP);
        this.sessions = hazelcast.getMap(SessionStore.SESSIONS_MAP);
        this.documents = hazelcast.getMap(DocumentAuthority.MAP_NAME);
        this.log = dev.tandem.storage.DocumentLog.of(hazelcast);
        this.identities = hazelcast.getMap(ClientIdentities.MAP);
        this.files = hazelcast.getMap(dev.tandem.session.FileTable.FILES_MAP);
    }

    private final IMap<String, dev.tandem.session.SessionFiles> files;

    /**
     * Registers the capabilities of a new session. The edit capability is random and distinct from the internal
     * session id, which grants nothing: run records and other places that must name the session carry the
     * internal id, so a viewer can never learn the edit link from them.
     */
    public Links create(String sessionId) {
        String edit = SessionIds.newId();
        String view = SessionIds.newId();
        String owner = SessionIds.newId();
        links.set(hash(edit), Role.EDIT + " " + sessionId);
        links.set(hash(view), Role.VIEW + " " + sessionId);
        access.set(sessionId, hash(edit) + " " + hash(view) + " " + hash(owner));
        return new Links(edit, view, owner);
    }

    /** What a capability grants, or null (unknown, rotated away, closed, malformed). */
    public CompletionStage<Grant> resolveAsync(String capability) {
        if (!SessionIds.isWellFormed(capability)) return CompletableFuture.completedFuture(null);
        return links.getAsync(hash(capability)).thenCompose(link -> {
            if (link != null) {
                int space = link.indexOf(' ');
                return CompletableFuture.completedFuture(new Grant(link.substring(space + 1), Role.valueOf(link.substring(0, space))));
            }
            // No fallback to the internal session id: it names the session in run records, which viewers read,
            // so it must never grant anything.
            return CompletableFuture.completedFuture((Grant) null);
        });
    }

    public Grant resolve(String capability) {
        return resolveAsync(capability).toCompletableFuture().join();
    }

    /** True when the token is the session's owner token (compared by hash, in constant time). */
    public boolean isOwner(String sessionId, String ownerToken) {
        if (ownerToken == null || !SessionIds.isWellFormed(sessionId)) return false;
        String record = access.get(sessionId);
        if (record == null) return false;
        String expected = record.split(" ")[2];
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                hash(ownerToken).getBytes(StandardCharsets.US_ASCII));
    }

    /** True when the session has an access record (it was made with capabilities and is not closed). */
    public boolean exists(String sessionId) {
        return SessionIds.isWellFormed(sessionId) && access.containsKey(sessionId);
    }

    /** New edit and view capabilities; the old ones (and the session id) stop granting new connections. */
    public Links rotate(String sessionId) {
        access.lock(sessionId);
        try {
            String record = access.get(sessionId);
            if (record == null) return null;
            String[] old = record.split(" ");
            String edit = SessionIds.newId();
            String view = SessionIds.newId();
            links.set(hash(edit), Role.EDIT + " " + sessionId);
            links.set(hash(view), Role.VIEW + " " + sessionId);
            access.set(sessionId, hash(edit) + " " + hash(view) + " " + old[2]);
            links.delete(old[0]);
            links.delete(old[1]);
            return new Links(edit, view, null);
        } finally {
            access.unlock(sessionId);
        }
    }

    /** Forgets the session: its capabilities, its metadata, its document and its clients' identities. */
    public void close(String sessionId) {
        String record = access.remove(sessionId);
        if (record != null) {
            String[] hashes = record.split(" ");
            links.delete(hashes[0]);
            links.delete(hashes[1]);
        }
        sessions.delete(sessionId);
        // v1.1 "Several files": every other file is a document of its own.
        dev.tandem.session.SessionFiles others = files.remove(sessionId);
        if (others != null) {
            for (var file : others.entries()) {
                documents.delete(file.documentKey());
                if (log != null) log.delete(file.documentKey());
            }
        }
        documents.delete(sessionId);
        if (log != null) log.delete(sessionId); // the maps above delete their own stored entries
        identities.delete(sessionId);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
