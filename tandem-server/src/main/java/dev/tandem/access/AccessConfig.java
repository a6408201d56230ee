package dev.tandem.access;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** Who may reach Tandem from a browser ({@code tandem.http.*}). */
@ConfigMapping(prefix = "tandem.http")
public interface AccessConfig {

    /**
     * Web origins (e.g. {@code https://ide.example.com}) whose pages may open session sockets. A page served
     * by Tandem itself is always allowed (same origin); clients that send no Origin (programs, not browsers)
     * are allowed too, since cross-site WebSocket hijacking needs a browser.
     */
    Optional<List<String>> allowedOrigins();
}
