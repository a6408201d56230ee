package dev.tandem.collab;

/**
 * A ChangeSet JSON that is malformed, or a change set that does not fit the document (or the other change set)
 * it is used with. The message is meant for a human reading an {@code INVALID_CHANGES} error.
 */
public final class InvalidChangesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidChangesException(String message) {
        super(message);
    }
}
