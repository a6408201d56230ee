package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;

/** Open session sockets per IP address on this node; an entry exists only while the address has sockets. */
@ApplicationScoped
public class ConnectionLimits {
    private final LimitsConfig config;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public ConnectionLimits(LimitsConfig config) {
        this.config = config;
    }

    /** Counts a new socket of the address; false (and not counted) when the address has its maximum open. */
    public boolean tryOpen(String ip) {
        boolean[] ok = {false};
        open.compute(key(ip), (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= config.connectionsPerIp()) return n;
            ok[0] = true;
            return count + 1;
        });
        return ok[0];
    }

    public void closed(String ip) {
        open.computeIfPresent(key(ip), (k, n) -> n <= 1 ? null : n - 1);
    }

    int openFrom(String ip) {
        return open.getOrDefault(key(ip), 0);
    }

    private static String key(String ip) {
        return ip == null ? "unknown" : ip;
    }
}
