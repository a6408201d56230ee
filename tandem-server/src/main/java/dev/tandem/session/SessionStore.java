package dev.tandem.session;

import dev.tandem.protocol.Participant;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Sessions and their rosters, kept in the cluster. Documents are the authority's (see DocumentAuthority). */
@ApplicationScoped
public class SessionStore {
    public static final String SESSIONS_MAP = "tandem.sessions";
    public static final String ROSTERS_MAP = "tandem.rosters";

    private final IMap<String, SessionInfo> sessions;
    private final IMap<String, Roster> rosters;
    private final SessionTimeline timeline;

    public SessionStore(HazelcastInstance hazelcast) {
        this(hazelcast, SessionTimeline.NONE);
    }

    @jakarta.inject.Inject
    public SessionStore(HazelcastInstance hazelcast, SessionTimeline timeline) {
        this.sessions = hazelcast.getMap(SESSIONS_MAP);
        this.rosters = hazelcast.getMap(ROSTERS_MAP);
        this.timeline = timeline;
    }

    public static void configure(Config config, int backupCount) {
        config.addMapConfig(new MapConfig(SESSIONS_MAP).setBackupCount(backupCount));
        config.addMapConfig(new MapConfig(ROSTERS_MAP).setBackupCount(backupCount)
                .setInMemoryFormat(InMemoryFormat.OBJECT));
        FileTable.configure(config, backupCount);
        SessionSerializers.register(config.getSerializationConfig());
    }

    public void save(SessionInfo session) {
        sessions.set(session.id(), session);
    }

    public Optional<SessionInfo> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public CompletionStage<SessionInfo> findAsync(String id) {
        return sessions.getAsync(id);
    }

    /**
     * Switches a session's language (written through to storage like every session record); false when the
     * session is gone. Blocking. Two switches at once: the last write wins, and each is broadcast after its write.
     */
    public boolean changeLanguage(String sessionId, String language) {
        SessionInfo s = sessions.get(sessionId);
        if (s == null) return false;
        sessions.set(sessionId, new SessionInfo(s.id(), language, s.title(), s.createdAtMillis(), s.problem()));
        return true;
    }

    public List<Participant> participants(String sessionId) {
        Roster roster = rosters.get(sessionId);
        return roster == null ? List.of() : roster.participants();
    }

    public CompletionStage<Roster.JoinOutcome> join(String sessionId, String clientId, String name, String connectionKey) {
        return rosters.submitToKey(sessionId, new RosterProcessors.Join(clientId, name, connectionKey))
                .thenApply(outcome -> {
                    // The timeline names the authors of updates long after they left (v1.1 "Timeline").
                    timeline.participant(sessionId, clientId, outcome.participant().name());
                    return outcome;
                });
    }

    /** True when the participant has no connection left, so the others should be told they left. */
    public CompletionStage<Boolean> leave(String sessionId, String clientId, String connectionKey) {
        return rosters.submitToKey(sessionId, new RosterProcessors.Leave(clientId, connectionKey));
    }

    /** Drops every connection held by a node that left; answers, per session, who left with it. */
    public Map<String, List<String>> removeNode(String nodePrefix) {
        return rosters.executeOnEntries(new RosterProcessors.RemoveNode(nodePrefix));
    }
}
