package dev.tandem.session;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids are capabilities: whoever has the link can join, so they carry 128 random bits and cannot be
 * guessed or enumerated.
 */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {}

    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Cheap shape check so a typo'd or hostile id never reaches the cluster. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) return false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) return false;
        }
        return true;
    }
}
