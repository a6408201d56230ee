package dev.tandem.session;

import dev.tandem.protocol.Participant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is in one session. A person may have several connections (tabs, or a reconnect that arrives before the
 * old socket is noticed dead); they are in the session while at least one is open.
 */
public final class Roster {
    static final List<String> PALETTE = List.of("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
            "#f032e6", "#bfef45", "#469990", "#9a6324", "#800000", "#000075");

    /** A participant and the connections (node/connection keys) through which they are present. */
    public record Entry(Participant participant, Set<String> connections) {}

    private final Map<String, Entry> byClientId;

    public Roster() {
        this(new LinkedHashMap<>());
    }

    Roster(Map<String, Entry> byClientId) {
        this.byClientId = byClientId;
    }

    Map<String, Entry> entries() {
        return byClientId;
    }

    public List<Participant> participants() {
        List<Participant> result = new ArrayList<>(byClientId.size());
        for (Entry e : byClientId.values()) result.add(e.participant());
        return result;
    }

    public int size() {
        return byClientId.size();
    }

    /** Adds a connection; returns the participant and whether they were not present before. */
    public JoinOutcome join(String clientId, String name, String connectionKey) {
        Entry entry = byClientId.get(clientId);
        if (entry != null) {
            entry.connections().add(connectionKey);
            Participant renamed = new Participant(clientId, name, entry.participant().color());
            byClientId.put(clientId, new Entry(renamed, entry.connections()));
            return new JoinOutcome(renamed, false, participants());
        }
        Set<String> connections = new LinkedHashSet<>();
        connections.add(connectionKey);
        Participant participant = new Participant(clientId, name, freeColor());
        byClientId.put(clientId, new Entry(participant, connections));
        return new JoinOutcome(participant, true, participants());
    }

    /** Removes a connection; true when that was the participant's last one, so they have left. */
    public boolean leave(String clientId, String connectionKey) {
        Entry entry = byClientId.get(clientId);
        if (entry == null || !entry.connections().remove(connectionKey)) return false;
        if (!entry.connections().isEmpty()) return false;
        byClientId.remove(clientId);
        return true;
    }

    /** Removes every connection held by a node that is gone; returns the participants who left with it. */
    public List<String> removeNode(String nodePrefix) {
        List<String> left = new ArrayList<>();
        byClientId.values().removeIf(entry -> {
            entry.connections().removeIf(key -> key.startsWith(nodePrefix));
            if (entry.connections().isEmpty()) {
                left.add(entry.participant().clientId());
                return true;
            }
            return false;
        });
        return left;
    }

    private String freeColor() {
        Set<String> used = new LinkedHashSet<>();
        for (Entry e : byClientId.values()) used.add(e.participant().color());
        for (String color : PALETTE) if (!used.contains(color)) return color;
        return PALETTE.get(byClientId.size() % PALETTE.size());
    }

    public record JoinOutcome(Participant participant, boolean isNew, List<Participant> participants) {}
}
