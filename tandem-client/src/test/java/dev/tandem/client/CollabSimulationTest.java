package dev.tandem.client;

import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Update;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Randomised interleavings of several {@link CollabState} clients against the strict authority
 * ({@link DocumentState}), with no sockets: messages sit in per-client FIFO queues that a seeded scheduler
 * delivers in batches of varied size, pushes wait at the server for a while, and connections drop (losing
 * queued messages and in-flight push answers, sometimes after the push was applied).
 */
class CollabSimulationTest {
    private static final int SEEDS = 2_000;
    private static final int STEPS = 400;
    private static final String[] INSERTS = {"a", "bc", "\n", "def\nghi", "😀", "🎉x", "  ", "é", "long text "};

    /** What the runs exercised, printed so a reader can see the interleavings are not trivial. */
    private static final long[] stats = new long[6];
    private static final String[] STAT_NAMES = {"accepted pushes", "conflicts", "gaps", "resends skipped by dedup",
            "drops after an applied push", "overlapping batches"};

    @Test
    void everyInterleavingConverges() {
        java.util.Arrays.fill(stats, 0);
        for (int seed = 1; seed <= SEEDS; seed++) {
            try {
                new Simulation(seed).run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("simulation seed " + seed + " failed: " + e.getMessage(), e);
            }
        }
        StringBuilder summary = new StringBuilder("CollabSimulationTest over " + SEEDS + " seeds:");
        for (int i = 0; i < stats.length; i++) summary.append(' ').append(STAT_NAMES[i]).append('=').append(stats[i]);
        System.out.println(summary);
        // Dedup (index 3) stays at 0 with a correct client: an accepted push moves the server past the base
        // version of any resend, so a resend always meets a conflict and the pull confirms the update. The
        // server's skip is a safety net for clients that resend at a version that already holds their updates.
        for (int i = 0; i < stats.length; i++) {
            if (i != 3) assertThat(stats[i]).as("runs with %s", STAT_NAMES[i]).isPositive();
        }
    }

    private sealed interface ToClient permits UpdatesMsg, AckMsg, ConflictMsg {}

    private record UpdatesMsg(int fromVersion, List<Update> updates) implements ToClient {}

    private record AckMsg(int version) implements ToClient {}

    private record ConflictMsg(int version) implements ToClient {}

    private sealed interface ToServer permits PushMsg, PullMsg {}

    private record PushMsg(int version, List<Update> updates) implements ToServer {}

    private record PullMsg(int version) implements ToServer {}

    /** A client: the algorithm under test plus the push discipline of {@link TandemClient}. */
    private static final class SimClient {
        final CollabState state;
        final ArrayDeque<ToClient> inbound = new ArrayDeque<>();
        final ArrayDeque<ToServer> outbound = new ArrayDeque<>();
        boolean connected = true;
        boolean pushInFlight;
        /** Highest version the server named; like TandemClient, it catches up before pushing again. */
        int knownVersion;
        /** CodeMirror-style: push whenever nothing is in flight, even while behind. */
        final boolean eager;
        int created;

        SimClient(String id, String content, boolean eager) {
            this.state = new CollabState(id, content, 0);
            this.eager = eager;
        }

        void pumpPush() {
            if (!connected || pushInFlight || state.unconfirmedCount() == 0) return;
            if (!eager && state.version() < knownVersion) return;
            Pushable p = state.pushable();
            outbound.add(new PushMsg(p.version(), p.updates()));
            pushInFlight = true;
        }

        void pull() {
            if (connected) outbound.add(new PullMsg(state.version()));
        }
    }

    private static final class Simulation {
        final int seed;
        final Random random;
        final DocumentState server;
        /** The server text at every version, to check each client's invariant on the way. */
        final List<String> serverTexts = new ArrayList<>();
        final List<SimClient> clients = new ArrayList<>();

        Simulation(int seed) {
            this.seed = seed;
            this.random = new Random(seed);
            String initial = random.nextBoolean() ? "" : "hello 😀 world\nsecond line";
            server = new DocumentState(initial, 1_000_000, 100_000_000L);
            serverTexts.add(initial);
            int n = 3 + random.nextInt(3);
            for (int i = 0; i < n; i++) clients.add(new SimClient("c" + i, initial, random.nextInt(3) == 0));
        }

        void run() {
            for (int step = 0; step < STEPS; step++) {
                SimClient c = clients.get(random.nextInt(clients.size()));
                int action = random.nextInt(100);
                if (action < 30) localEdit(c);
                else if (action < 55) serve(c);
                else if (action < 85) deliver(c, 1 + random.nextInt(4));
                else if (action < 90) reconnect(c);
                else if (action < 95) catchUpTimeout(c);
                else c.pumpPush();
                checkInvariant(c);
            }
            drain();
            assertConverged();
        }

        void localEdit(SimClient c) {
            String doc = c.state.text();
            ChangeSet change = randomChange(doc.length());
            if (random.nextInt(4) == 0) change = change.compose(randomChange(change.newLength())); // multi-range
            if (c.state.localChange(change) != null) c.created++;
            if (random.nextBoolean()) c.pumpPush();
        }

        ChangeSet randomChange(int length) {
            int from = random.nextInt(length + 1);
            int to = Math.min(length, from + (random.nextInt(3) == 0 ? random.nextInt(6) : 0));
            String insert = random.nextInt(4) == 0 ? "" : INSERTS[random.nextInt(INSERTS.length)];
            if (from == to && insert.isEmpty()) insert = "x";
            return ChangeSet.of(length, from, to, insert);
        }

        /** The server handles the oldest message of one client. */
        void serve(SimClient c) {
            ToServer message = c.outbound.poll();
            if (message == null) return;
            if (message instanceof PushMsg push) {
                PushResult result = server.push(push.version(), push.updates(), Integer.MAX_VALUE);
                if (result instanceof PushResult.Accepted a) {
                    stats[0]++;
                    if (a.appended().size() < push.updates().size()) stats[3]++;
                    if (!c.connected) stats[4]++;
                    for (Update u : a.appended()) serverTexts.add(u.changes().apply(serverTexts.get(serverTexts.size() - 1)));
                    if (!a.appended().isEmpty()) {
                        for (SimClient other : clients) {
                            if (other.connected) other.inbound.add(new UpdatesMsg(a.fromVersion(), a.appended()));
                        }
                    }
                    c.inbound.add(new AckMsg(a.version()));
                } else if (result instanceof PushResult.Conflict conflict) {
                    stats[1]++;
                    c.inbound.add(new ConflictMsg(conflict.version()));
                } else {
                    fail("push refused: " + result);
                }
            } else if (message instanceof PullMsg pull) {
                PullResult result = server.updatesSince(pull.version());
                if (!(result instanceof PullResult.Updates u)) throw new AssertionError("pull refused: " + result);
                c.inbound.add(new UpdatesMsg(u.fromVersion(), u.updates()));
            }
        }

        void deliver(SimClient c, int count) {
            for (int i = 0; i < count && !c.inbound.isEmpty(); i++) {
                ToClient message = c.inbound.poll();
                if (message instanceof UpdatesMsg u) {
                    c.knownVersion = Math.max(c.knownVersion, u.fromVersion() + u.updates().size());
                    if (u.fromVersion() < c.state.version()) stats[5]++;
                    if (c.state.receive(u.fromVersion(), u.updates()) instanceof ReceiveResult.Gap) {
                        stats[2]++;
                        c.pull();
                    }
                } else if (message instanceof AckMsg ack) {
                    c.pushInFlight = false;
                    c.knownVersion = Math.max(c.knownVersion, ack.version());
                } else if (message instanceof ConflictMsg conflict) {
                    c.pushInFlight = false;
                    c.knownVersion = Math.max(c.knownVersion, conflict.version());
                }
                c.pumpPush();
            }
        }

        /**
         * The connection drops: queued messages to the client are lost; what it sent may or may not have
         * reached the server (a push may have been applied with its answer lost). It comes back with a
         * welcome at the server's version, pulls, and resends its unconfirmed updates.
         */
        void reconnect(SimClient c) {
            c.connected = false;
            boolean reachedServer = random.nextBoolean();
            if (reachedServer) {
                while (!c.outbound.isEmpty()) serve(c);
            }
            c.outbound.clear();
            c.inbound.clear();
            c.pushInFlight = false;
            c.connected = true;
            c.knownVersion = Math.max(c.knownVersion, server.version());
            if (c.state.version() < server.version()) c.pull();
            if (random.nextBoolean()) {
                // resend at once, before the pull answer: the server answers conflict or skips what it has
                Pushable p = c.state.pushable();
                if (!p.isEmpty()) {
                    c.outbound.add(new PushMsg(p.version(), p.updates()));
                    c.pushInFlight = true;
                }
            } else {
                c.pumpPush();
            }
        }

        /** The announced updates did not come in time: pull. */
        void catchUpTimeout(SimClient c) {
            if (c.state.version() < c.knownVersion && c.inbound.isEmpty()) c.pull();
        }

        void checkInvariant(SimClient c) {
            String doc = serverTexts.get(c.state.version());
            for (Update u : c.state.unconfirmed()) doc = u.changes().apply(doc);
            assertThat(c.state.text()).as("client %s = server@%d + unconfirmed", c.state.clientId(), c.state.version())
                    .isEqualTo(doc);
        }

        void drain() {
            for (int round = 0; round < 10_000; round++) {
                boolean busy = false;
                for (SimClient c : clients) {
                    if (!c.outbound.isEmpty()) {
                        serve(c);
                        busy = true;
                    }
                    if (!c.inbound.isEmpty()) {
                        deliver(c, c.inbound.size());
                        busy = true;
                    }
                    checkInvariant(c);
                }
                if (busy) continue;
                for (SimClient c : clients) {
                    if (c.state.version() < server.version()) {
                        c.knownVersion = server.version();
                        c.pull();
                        busy = true;
                    } else if (c.state.unconfirmedCount() > 0 && !c.pushInFlight) {
                        c.pumpPush();
                        busy = true;
                    }
                }
                if (!busy) return;
            }
            fail("did not settle");
        }

        void assertConverged() {
            Set<String> ids = new HashSet<>();
            List<Update> history = server.history().since(0);
            for (Update u : history) {
                assertThat(ids.add(u.clientId() + "#" + u.seq())).as("applied twice: %s#%d", u.clientId(), u.seq()).isTrue();
            }
            int created = 0;
            for (SimClient c : clients) {
                assertThat(c.state.text()).as("text of %s", c.state.clientId()).isEqualTo(server.text());
                assertThat(c.state.unconfirmedCount()).as("unconfirmed of %s", c.state.clientId()).isZero();
                assertThat(c.state.version()).isEqualTo(server.version());
                created += c.created;
            }
            assertThat(history).as("every local edit is in the history exactly once").hasSize(created);
        }
    }
}
