package dev.tandem.realtime;

import com.hazelcast.config.Config;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.Ringbuffer;

/**
 * Where an HTTP-transport connection lives in the cluster, so that any node serves any of its requests:
 * <ul>
 *   <li>{@code tandem.http.out.<connection>}: its server messages, a ring buffer whose sequence is the message
 *   number (0 is the welcome). Only the connection's home node appends, one batch at a time, so the numbering
 *   is the one order in which that node's {@link ClientConnection} wrote them.</li>
 *   <li>{@code tandem.http.in.<connection>}: its client messages in order of arrival, appended by whichever node
 *   took the {@code POST}; the home node reads them in that order and handles them as its socket would.</li>
 *   <li>{@code tandem.http.connections}: connection → its home member and role; {@code tandem.http.seen}:
 *   connection → when a request or stream last showed it alive.</li>
 * </ul>
 * The connection id names these structures, and it is a capability: it never appears in a log or the roster.
 */
final class HttpMessageLog {
    static final String CONNECTIONS = "tandem.http.connections";
    static final String SEEN = "tandem.http.seen";
    private static final String OUT = "tandem.http.out.";
    private static final String IN = "tandem.http.in.";
    /** Ends a log: after it nothing more is written (the connection closed). Never a JSON message. */
    static final String END = "";

    private HttpMessageLog() {
    }

    static void configure(Config config, int backupCount, HttpTransportConfig transport) {
        config.addRingBufferConfig(new RingbufferConfig(OUT + "*").setCapacity(transport.logCapacity())
                .setBackupCount(backupCount).setAsyncBackupCount(0).setTimeToLiveSeconds(0));
        config.addRingBufferConfig(new RingbufferConfig(IN + "*").setCapacity(transport.inboxCapacity())
                .setBackupCount(backupCount).setAsyncBackupCount(0).setTimeToLiveSeconds(0));
    }

    static Ringbuffer<String> out(HazelcastInstance hazelcast, String connection) {
        return hazelcast.getRingbuffer(OUT + connection);
    }

    static Ringbuffer<String> in(HazelcastInstance hazelcast, String connection) {
        return hazelcast.getRingbuffer(IN + connection);
    }

    /** The value in {@link #CONNECTIONS}: "<home member uuid> <edit|view>". */
    record Entry(String home, boolean viewer) {
        static Entry parse(String value) {
            if (value == null) return null;
            int space = value.indexOf(' ');
            return new Entry(value.substring(0, space), value.substring(space + 1).equals("view"));
        }

        String value() {
            return home + (viewer ? " view" : " edit");
        }
    }
}
