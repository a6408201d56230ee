package dev.tandem.session;

/**
 * What a session's timeline keeps besides the document's own update log (v1.1 "Timeline and playback"): the run
 * and submission events as they were sent live, and the name each clientId joined with (the {@code by} of its
 * updates, long after it left). Implemented by {@code timeline.TimelineRecorder}; runs and submissions tell it
 * through this interface, so they need not know the timeline. Neither waits for the database; {@link #jobEvent}
 * reads the document's version from the cluster unless it runs on an event loop or a Hazelcast thread.
 */
public interface SessionTimeline {
    /** One run or submission event, called just before it is sent to the session's participants. */
    void jobEvent(String sessionId, String jobId, String json);

    /** A participant joined (or rejoined) under this name. */
    void participant(String sessionId, String clientId, String name);

    /** Keeps nothing: for tests that build the publishers by hand. */
    SessionTimeline NONE = new SessionTimeline() {
        @Override
        public void jobEvent(String sessionId, String jobId, String json) {}

        @Override
        public void participant(String sessionId, String clientId, String name) {}
    };
}
