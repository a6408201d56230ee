package dev.tandem.run;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The run queue, its workers and its records ({@code tandem.run.*}; see docs/runs.md). */
@ConfigMapping(prefix = "tandem.run")
public interface RunConfig {

    /** Jobs waiting in the cluster-wide queue; past it a run is refused with QUEUE_FULL. */
    @WithDefault("200")
    int queueCapacity();

    /** Runs of one session queued or running at once; past it RATE_LIMITED. */
    @WithDefault("2")
    int maxPerSession();

    /** Jobs this node runs at once when it has the worker role. */
    @WithDefault("2")
    int concurrency();

    /** How long a worker's claim on a job lasts without renewal; renewed every third of it. */
    @WithDefault("15000")
    long leaseMs();

    /** How often every worker node looks for runs whose lease expired. */
    @WithDefault("5000")
    long reapIntervalMs();

    /** How often a job whose worker died is queued again before it finishes as internal_error. */
    @WithDefault("1")
    int maxRequeues();

    /** A run still queued after this long finishes as internal_error (its queue entry was lost). */
    @WithDefault("600000")
    long maxQueuedMs();

    /** How long a run record stays readable after it was last written. */
    @WithDefault("3600")
    int recordTtlSeconds();

    /** Output arriving within this many ms is sent as one run.output event. */
    @WithDefault("30")
    long outputBatchMs();

    /** The Docker engine of this node's sandboxes; empty: DOCKER_HOST, else the local socket. */
    java.util.Optional<String> dockerHost();

    /** Upper bound of {@code waitMs} for the long poll of GET /api/runs/{id}. */
    @WithDefault("30000")
    long maxWaitMs();

    /** v1.1 "Interactive runs": the longest an interactive run may last (outcome timeout). */
    @WithDefault("600000")
    long interactiveWallMs();

    /**
     * v1.1 "Interactive runs": an interactive run with neither input nor output for this long (counted from
     * run.started, then from the last input or output) ends with outcome timeout.
     */
    @WithDefault("120000")
    long interactiveIdleMs();
}
