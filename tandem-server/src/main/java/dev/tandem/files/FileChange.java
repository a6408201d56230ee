package dev.tandem.files;

import dev.tandem.protocol.ErrorCode;

/**
 * The answer to a file.create, file.rename or file.delete: done (with the file's document key), or refused with
 * the contract's code and a message for people.
 */
public record FileChange(String documentKey, ErrorCode refusal, String message) {

    static FileChange done(String documentKey) {
        return new FileChange(documentKey, null, null);
    }

    static FileChange refused(ErrorCode code, String message) {
        return new FileChange(null, code, message);
    }

    public boolean isDone() {
        return refusal == null;
    }

    /** The REST status of a refusal (v1.1: 404 NO_SUCH_*, 403, 409 state conflicts, 413, 400). */
    public int status() {
        return switch (refusal) {
            case NO_SUCH_FILE, UNKNOWN_SESSION -> 404;
            case FORBIDDEN -> 403;
            case FILE_EXISTS, MAIN_FILE -> 409;
            case TOO_LARGE -> 413;
            default -> 400;
        };
    }
}
