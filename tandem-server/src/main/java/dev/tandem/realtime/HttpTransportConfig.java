package dev.tandem.realtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The HTTP transport of the session ("Editing without WebSockets"): {@code tandem.http-transport.*}. */
@ConfigMapping(prefix = "tandem.http-transport")
public interface HttpTransportConfig {

    /** A connection with no open stream and no request for this long is closed (the others get left). */
    @WithDefault("60000")
    long idleMs();

    /**
     * Server messages kept per connection (the contract promises at least 5 minutes of them): a reader that
     * falls further behind gets 410 MESSAGES_GONE. The log is a Hazelcast ring buffer of this many slots.
     */
    @WithDefault("10000")
    int logCapacity();

    /** Client messages that may wait for their connection's home node to handle them. */
    @WithDefault("1000")
    int inboxCapacity();

    /** Longest long poll ({@code waitMs} is clamped to it). */
    @WithDefault("30000")
    long maxWaitMs();

    /** An open stream sends an SSE comment this often when nothing else is sent (and counts as activity). */
    @WithDefault("15000")
    long heartbeatMs();
}
