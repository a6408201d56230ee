package dev.tandem.session;

/** Why a change to a session's files was refused; the wire's codes are the caller's to choose. */
public enum FileRefusal {
    EXISTS,
    NO_SUCH_FILE,
    TOO_MANY
}
