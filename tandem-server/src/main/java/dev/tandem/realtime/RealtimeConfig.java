package dev.tandem.realtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the session sockets ({@code tandem.realtime.*}). */
@ConfigMapping(prefix = "tandem.realtime")
public interface RealtimeConfig {

    /** Largest client message answered normally; larger ones get TOO_LARGE. */
    @WithDefault("1048576")
    int maxMessageBytes();

    /** Sustained messages per second one connection may send. */
    @WithDefault("100")
    int messagesPerSecond();

    /** How many messages a connection may send in a burst above the sustained rate. */
    @WithDefault("300")
    int messageBurst();

    /** Messages waiting to be written to one client before it counts as too slow and is disconnected. */
    @WithDefault("2000")
    int outboundMaxMessages();

    /** Bytes waiting to be written to one client before it counts as too slow and is disconnected. */
    @WithDefault("8388608")
    long outboundMaxBytes();

    /** How long a gap in the ordered stream of updates may stay open before the node fetches what is missing. */
    @WithDefault("250")
    int gapRepairMillis();
}
