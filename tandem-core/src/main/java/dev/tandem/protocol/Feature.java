package dev.tandem.protocol;

/**
 * The optional capabilities of protocol v1.1, named as in the contract's sections ("feature `identity`", ...).
 * Naming a feature here does not mean it is served: a capability that serves one says so with a
 * {@code dev.tandem.info.ServedFeature} bean, and only those appear in {@code GET /api/info}.
 */
public enum Feature {
    IDENTITY("identity"),
    STORAGE("storage"),
    FILES("files"),
    INTERACTIVE("interactive"),
    TIMELINE("timeline"),
    HTTP_TRANSPORT("http-transport"),
    EXECUTE("execute");

    private final String wireName;

    Feature(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire, e.g. {@code "http-transport"}. */
    public String wireName() {
        return wireName;
    }
}
