package dev.tandem.access;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds and verifies bearer JWTs: signature, expiry, issuer and audience (SmallRye JWT with the configured key,
 * then issuer and audience checked here again, so a configuration that forgot one cannot let a token for
 * another service in). With auth on, {@code mp.jwt.verify.issuer} and {@code mp.jwt.verify.audiences} are
 * required: the node refuses to start without them.
 */
@ApplicationScoped
public class Bearer {
    public static final String SUBPROTOCOL = "bearer";

    private final AuthConfig config;
    private final Instance<JWTParser> parser;
    private final Optional<String> issuer;
    private final Optional<List<String>> audiences;

    public Bearer(AuthConfig config, Instance<JWTParser> parser,
                  @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
                  @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<List<String>> audiences) {
        this.config = config;
        this.parser = parser;
        this.issuer = issuer.filter(i -> !i.isBlank());
        this.audiences = audiences.filter(a -> !a.isEmpty());
    }

    /** Fails the start of a node whose auth is on without an issuer and an audience to check. */
    void requireIssuerAndAudience(@Observes StartupEvent started) {
        if (!config.enabled()) return;
        if (issuer.isEmpty() || audiences.isEmpty()) {
            throw new IllegalStateException("tandem.auth.enabled=true needs mp.jwt.verify.issuer and "
                    + "mp.jwt.verify.audiences: without them a token issued for another service would be accepted");
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The verified token, or null when it is missing, expired, badly signed or from another issuer. */
    public JsonWebToken verify(String token) {
        if (token == null || token.isBlank()) return null;
        try {
            JsonWebToken jwt = parser.get().parse(token);
            if (!accepts(jwt)) {
                Log.debugf("refused a bearer token: issuer or audience is not ours");
                return null;
            }
            return jwt;
        } catch (ParseException | RuntimeException e) {
            Log.debugf("refused a bearer token: %s", e.getMessage()); // never the token itself
            return null;
        }
    }

    private boolean accepts(JsonWebToken jwt) {
        if (issuer.isEmpty() || audiences.isEmpty()) return false;
        if (!issuer.get().equals(jwt.getIssuer())) return false;
        Set<String> audience = jwt.getAudience();
        return audience != null && audience.stream().anyMatch(audiences.get()::contains);
    }

    /** When the token stops being valid, in ms since the epoch (0 when it has no expiry). */
    public static long expiresAtMillis(JsonWebToken jwt) {
        return jwt.getExpirationTime() * 1000L;
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

    /**
     * The participant name a token carries: {@code name}, else {@code preferred_username}, else the subject; cut to
     * the length a {@code hello} name may have, since every welcome lists it (realtime.WelcomeBudget counts on it).
     */
    public static String nameOf(JsonWebToken jwt) {
        return shortened(claimedName(jwt));
    }

    private static String claimedName(JsonWebToken jwt) {
        for (String claim : new String[] {"name", "preferred_username"}) {
            Object value = jwt.getClaim(claim);
            if (value != null && !value.toString().isBlank()) return value.toString().replace("\"", "");
        }
        return jwt.getName() != null ? jwt.getName() : jwt.getSubject();
    }

    private static String shortened(String name) {
        int max = dev.tandem.protocol.ClientMessageParser.MAX_NAME_LENGTH;
        return name == null || name.length() <= max ? name : name.substring(0, max);
    }
}
