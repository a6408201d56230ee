package dev.tandem.bench;

/** Why one measured run does not count as a success; {@code detail} is for the report's first failure. */
public record RunFailure(Kind kind, String detail) {

    public enum Kind {
        /** Finished with exit code 0, but stdout was not the line the program had to print. */
        WRONG_OUTPUT,
        /** The program exited with a non-zero code. */
        NON_ZERO_EXIT,
        /** Refused (HTTP error), not started, or ended by the sandbox (compile error, limit, internal error). */
        ERROR,
        /** No end within the run deadline. */
        TIMEOUT
    }

    @Override
    public String toString() {
        return kind + ": " + detail;
    }
}
