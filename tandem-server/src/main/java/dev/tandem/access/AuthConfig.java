package dev.tandem.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Optional identity ({@code tandem.auth.*}). When enabled, the REST API and the socket upgrade require a JWT
 * verified with {@code mp.jwt.verify.publickey.location} and {@code mp.jwt.verify.issuer}.
 */
@ConfigMapping(prefix = "tandem.auth")
public interface AuthConfig {

    @WithDefault("false")
    boolean enabled();

    /**
     * Whether a socket may pass its token as {@code ?access_token=} (query strings end up in proxy and access
     * logs; the {@code Sec-WebSocket-Protocol: bearer, <token>} form does not).
     */
    @WithDefault("true")
    boolean queryToken();
}
