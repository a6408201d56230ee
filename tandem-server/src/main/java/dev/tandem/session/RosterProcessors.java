package dev.tandem.session;

import com.hazelcast.map.EntryProcessor;

import java.util.List;
import java.util.Map;

/** Entry processors that change a session's roster on the member that owns it. */
final class RosterProcessors {
    private RosterProcessors() {}

    record Join(String clientId, String name, String connectionKey)
            implements EntryProcessor<String, Roster, Roster.JoinOutcome> {
        @Override
        public Roster.JoinOutcome process(Map.Entry<String, Roster> entry) {
            Roster roster = entry.getValue() == null ? new Roster() : entry.getValue();
            Roster.JoinOutcome outcome = roster.join(clientId, name, connectionKey);
            entry.setValue(roster);
            return outcome;
        }
    }

    record Leave(String clientId, String connectionKey) implements EntryProcessor<String, Roster, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, Roster> entry) {
            Roster roster = entry.getValue();
            if (roster == null) return false;
            boolean left = roster.leave(clientId, connectionKey);
            entry.setValue(roster.size() == 0 ? null : roster);
            return left;
        }
    }

    /** Drops the connections of a node that left the cluster; answers the clientIds that left with it. */
    record RemoveNode(String nodePrefix) implements EntryProcessor<String, Roster, List<String>> {
        @Override
        public List<String> process(Map.Entry<String, Roster> entry) {
            Roster roster = entry.getValue();
            if (roster == null) return List.of();
            List<String> left = roster.removeNode(nodePrefix);
            if (!left.isEmpty()) entry.setValue(roster.size() == 0 ? null : roster);
            return left;
        }
    }
}
