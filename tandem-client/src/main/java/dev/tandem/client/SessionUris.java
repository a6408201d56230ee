package dev.tandem.client;

import java.net.URI;

/** Turns server addresses ({@code http://host:8080}, {@code ws://host:8080}) into session socket URIs. */
final class SessionUris {
    private static final String SOCKET_PATH = "/ws/sessions/";

    private SessionUris() {}

    static URI socketUri(URI server, String sessionId) {
        String scheme = switch (server.getScheme() == null ? "ws" : server.getScheme().toLowerCase()) {
            case "http", "ws" -> "ws";
            case "https", "wss" -> "wss";
            default -> throw new IllegalArgumentException("unsupported scheme in " + server);
        };
        String path = server.getRawPath() == null ? "" : server.getRawPath();
        if (!path.contains(SOCKET_PATH)) {
            if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
            path = path + SOCKET_PATH + sessionId;
        }
        String port = server.getPort() < 0 ? "" : ":" + server.getPort();
        return URI.create(scheme + "://" + server.getHost() + port + path);
    }
}
