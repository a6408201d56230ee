package dev.tandem.run.execute;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which {@code callbackUrl} a run may name. A callback makes this server send a request wherever it points, so
 * the rule is an allow-list an operator writes: http or https, no user info (it could smuggle credentials or
 * disguise the host: {@code https://allowed.example@evil.example/}), the host exactly one of
 * {@code tandem.run.callback-allowed-hosts} (compared as written, case-insensitively: no suffix or wildcard
 * match), and only while {@code tandem.run.callback-secret} is set, so every callback can be verified.
 */
public final class CallbackPolicy {
    private final Set<String> hosts;
    private final boolean secretSet;

    public CallbackPolicy(List<String> allowedHosts, String secret) {
        this.hosts = allowedHosts == null ? Set.of() : allowedHosts.stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(CallbackPolicy::normalise).collect(Collectors.toUnmodifiableSet());
        this.secretSet = secret != null && !secret.isBlank();
    }

    static CallbackPolicy of(ExecuteConfig config) {
        return new CallbackPolicy(config.callbackAllowedHosts().orElse(List.of()), config.callbackSecret().orElse(null));
    }

    /** The URL to call back, or empty when the run named none. */
    public Optional<URI> check(String callbackUrl) {
        if (callbackUrl == null) return Optional.empty();
        if (!secretSet || hosts.isEmpty()) {
            throw ExecuteRefusal.notAllowed("callbacks are off on this server (tandem.run.callback-secret and "
                    + "tandem.run.callback-allowed-hosts must both be set)");
        }
        URI uri;
        try {
            uri = new URI(callbackUrl);
        } catch (URISyntaxException e) {
            throw ExecuteRefusal.notAllowed("callbackUrl is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ExecuteRefusal.notAllowed("callbackUrl must be http or https");
        }
        // getRawAuthority catches user info that java.net.URI did not parse into a server authority
        String authority = uri.getRawAuthority();
        if (uri.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
            throw ExecuteRefusal.notAllowed("callbackUrl may not carry user info");
        }
        if (uri.getHost() == null || !hosts.contains(normalise(uri.getHost()))) {
            throw ExecuteRefusal.notAllowed("callbackUrl's host is not one of tandem.run.callback-allowed-hosts");
        }
        return Optional.of(uri);
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
