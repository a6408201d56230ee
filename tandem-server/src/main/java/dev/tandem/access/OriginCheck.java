package dev.tandem.access;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses socket upgrades from web pages of other sites. Browsers attach cookies and credentials to a
 * WebSocket upgrade whatever page opens it, and WebSockets are not covered by CORS, so without this check
 * any site a user visits could act in their sessions (cross-site WebSocket hijacking).
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {
    private final Set<String> allowed;

    public OriginCheck(AccessConfig config) {
        this.allowed = config.allowedOrigins().orElse(List.of()).stream()
                .map(OriginCheck::normalise).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (isAllowed(origin, request.getHeader(HttpHeaders.HOST))) return CheckResult.permitUpgrade();
        Log.infof("refused a socket upgrade from origin %s", origin);
        return CheckResult.rejectUpgrade(403);
    }

    boolean isAllowed(String origin, String host) {
        if (origin == null || origin.isBlank()) return true; // not a browser
        String normalised = normalise(origin);
        if (allowed.contains("*") || allowed.contains(normalised)) return true;
        try {
            URI uri = URI.create(origin.trim());
            String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && originHost != null && originHost.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
