package dev.tandem.run;

import dev.tandem.protocol.ErrorCode;

/** A run that was not queued: the error code of the contract, and the HTTP status REST answers with. */
public final class RunRefused extends RuntimeException {
    private final String code;
    private final int httpStatus;

    public RunRefused(ErrorCode code, int httpStatus, String message) {
        this(code.name(), httpStatus, message);
    }

    public RunRefused(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
