package dev.tandem.api;

import dev.tandem.protocol.ErrorCode;

/** An error answered to a REST caller as {@code {"error": CODE, "message": ...}} with an HTTP status. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public ApiException(int status, ErrorCode code, String message) {
        this(status, code.name(), message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " does not exist");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
