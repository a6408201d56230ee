package dev.tandem.protocol;

/** A client message that breaks the contract; answered with an {@code error} and changes nothing. */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
