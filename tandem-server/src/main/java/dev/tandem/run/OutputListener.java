package dev.tandem.run;

/**
 * Receives a run's output as it arrives. Called on the sandbox's stream thread, in order per stream;
 * chunks are whole UTF-8 characters (a character split across Docker frames is delivered once complete).
 * Implementations must return quickly (hand the chunk off, never block on a client).
 */
@FunctionalInterface
public interface OutputListener {

    OutputListener NONE = (stream, chunk) -> { };

    /** @param stream "stdout" or "stderr" */
    void onOutput(String stream, String chunk);
}
