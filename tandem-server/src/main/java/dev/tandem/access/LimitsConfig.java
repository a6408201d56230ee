package dev.tandem.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Abuse limits beyond those of the socket ({@code tandem.limits.*}; see docs/security.md). */
@ConfigMapping(prefix = "tandem.limits")
public interface LimitsConfig {

    /** Sustained bytes per second one connection may send (UTF-8 bytes of its messages). */
    @WithDefault("4194304")
    long bytesPerSecond();

    /** Burst of bytes above the sustained rate; keep it at least tandem.realtime.max-message-bytes. */
    @WithDefault("8388608")
    long byteBurst();

    /** Open session sockets from one IP address on one node. */
    @WithDefault("256")
    int connectionsPerIp();

    /** Participants (distinct clientIds) in one session. */
    @WithDefault("100")
    int participantsPerSession();

    /** Sessions one IP address may create per minute on one node (REST 429). */
    @WithDefault("60")
    int sessionsPerIpPerMinute();

    /** Runs one IP address may request per minute on one node (socket and REST). */
    @WithDefault("60")
    int runsPerIpPerMinute();

    /** IP addresses tracked per counter; past it, new addresses share one overflow counter. */
    /** REST reads ({@code GET /api/...}) per client address per minute, per node; over it: 429 RATE_LIMITED. */
    @WithDefault("1200")
    int readsPerIpPerMinute();

    @WithDefault("100000")
    int maxTrackedIps();
}
