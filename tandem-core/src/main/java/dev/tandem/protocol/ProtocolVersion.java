package dev.tandem.protocol;

/**
 * The version of the wire contract this server speaks, sent in {@code welcome} and {@code GET /api/info}
 * (contract: "Additions in v1.1"). Which v1.1 features a server actually serves is listed separately, by
 * {@code dev.tandem.info.ServedFeatures}.
 */
public final class ProtocolVersion {
    public static final String CURRENT = "1.1";

    private ProtocolVersion() {}
}
