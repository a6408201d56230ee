package dev.tandem.access;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The address a client's limits are counted against. It comes from Vert.x's request, which with
 * {@code quarkus.http.proxy.proxy-address-forwarding} takes {@code X-Forwarded-For} / {@code Forwarded} only
 * from the {@code quarkus.http.proxy.trusted-proxies} (everyone else is counted by their TCP peer, whatever
 * header they send). IPv6 clients are counted per /64: one subscriber usually holds a whole /64, so counting
 * single addresses would let one client take 2^64 slots.
 */
public final class ClientAddress {
    private ClientAddress() {}

    /** The limit key of a request: its (forwarded, when trusted) client address, IPv6 cut to its /64. */
    public static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null ? null : limitKey(remote.hostAddress());
    }

    /** An IPv4 address as it is; an IPv6 address as its /64 prefix ("2001:db8:1:2::/64"); else unchanged. */
    public static String limitKey(String host) {
        if (host == null || host.indexOf(':') < 0) return host;
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int zone = literal.indexOf('%');
        if (zone >= 0) literal = literal.substring(0, zone);
        try {
            InetAddress address = InetAddress.getByName(literal); // a literal: no name lookup
            if (!(address instanceof Inet6Address)) return address.getHostAddress(); // IPv4-mapped
            byte[] b = address.getAddress();
            return String.format("%x:%x:%x:%x::/64", word(b, 0), word(b, 2), word(b, 4), word(b, 6));
        } catch (UnknownHostException e) {
            return host;
        }
    }

    private static int word(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
}
