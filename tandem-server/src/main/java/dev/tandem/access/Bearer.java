package dev.tandem.access;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** Finds and verifies bearer JWTs (signature, expiry, issuer: SmallRye JWT with the configured key). */
@ApplicationScoped
public class Bearer {
    public static final String SUBPROTOCOL = "bearer";

    private final AuthConfig config;
    private final Instance<JWTParser> parser;

    public Bearer(AuthConfig config, Instance<JWTParser> parser) {
        this.config = config;
        this.parser = parser;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The verified token, or null when it is missing, expired, badly signed or from another issuer. */
    public JsonWebToken verify(String token) {
        if (token == null || token.isBlank()) return null;
        try {
            return parser.get().parse(token);
        } catch (ParseException | RuntimeException e) {
            Log.debugf("refused a bearer token: %s", e.getMessage()); // never the token itself
            return null;
        }
    }

    /** {@code Authorization: Bearer <token>}, or null. */
    public static String fromAuthorization(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return header.substring(7).trim();
    }

    /**
     * The token of a socket upgrade: {@code Authorization: Bearer} (programs), the subprotocol pair
     * {@code Sec-WebSocket-Protocol: bearer, <token>} (browsers), or {@code ?access_token=} if allowed.
     */
    public String fromUpgrade(Function<String, String> header, String query) {
        String token = fromAuthorization(header.apply("Authorization"));
        if (token != null) return token;
        String protocols = header.apply("Sec-WebSocket-Protocol");
        if (protocols != null) {
            List<String> offered = List.of(protocols.split(",")).stream().map(String::trim).toList();
            int i = offered.indexOf(SUBPROTOCOL);
            if (i >= 0 && i + 1 < offered.size()) return offered.get(i + 1);
        }
        if (config.queryToken() && query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("access_token=")) {
                    return URLDecoder.decode(pair.substring("access_token=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    /** The participant name a token carries: {@code name}, else {@code preferred_username}, else the subject. */
    public static String nameOf(JsonWebToken jwt) {
        for (String claim : new String[] {"name", "preferred_username"}) {
            Object value = jwt.getClaim(claim);
            if (value != null && !value.toString().isBlank()) return value.toString().replace("\"", "");
        }
        return jwt.getName() != null ? jwt.getName() : jwt.getSubject();
    }
}
