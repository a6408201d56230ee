package dev.tandem.access;

import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.ErrorCode;
import io.quarkus.websockets.next.HandshakeRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Admission of a session socket (after the upgrade checks): which session its capability names and with
 * which role, the per-IP connection limit, and the participant name a token gives. Also the per-connection
 * rules the socket asks for later (byte rate, runs per IP, participants per session).
 */
@ApplicationScoped
public class SocketGate {
    /** Close code: too many connections from one address, or a full session. */
    public static final int CLOSE_LIMIT = CloseCode.LIMIT.code();
    /** Close code: removed by the session's owner. */
    public static final int CLOSE_KICKED = CloseCode.KICKED.code();
    /** Close code: the session was closed by its owner (as for an unknown session). */
    public static final int CLOSE_SESSION_CLOSED = CloseCode.SESSION_CLOSED.code();

    /** Close code: the token expired (or was refused at admission). */
    public static final int CLOSE_TOKEN = CloseCode.UNAUTHORIZED.code();

    /**
     * @param refusal null when admitted; else the error to send before closing with {@code closeCode}
     * @param tokenExpiresAtMillis with auth on, when the socket's token expires (the socket ends then); else 0
     */
    public record Admission(String sessionId, String link, boolean viewer, String ip, String name,
                            ErrorCode refusal, String message, int closeCode, long tokenExpiresAtMillis) {}

    private final SessionAccess access;
    private final ConnectionLimits connections;
    private final IpRateLimits ipLimits;
    private final LimitsConfig limits;
    private final Bearer bearer;

    public SocketGate(SessionAccess access, ConnectionLimits connections, IpRateLimits ipLimits, LimitsConfig limits, Bearer bearer) {
        this.access = access;
        this.connections = connections;
        this.ipLimits = ipLimits;
        this.limits = limits;
        this.bearer = bearer;
    }

    /** @param clientAddress the address noted at the upgrade ({@link ClientAddressCheck}); null: the TCP peer */
    public CompletionStage<Admission> admit(HandshakeRequest request, String capability, String clientAddress) {
        String ip = clientAddress != null ? clientAddress : ClientAddress.limitKey(ipOf(request.remoteAddress()));
        return admit(request::header, request.query(), ip, capability);
    }

    /**
     * Admission of an HTTP-transport connection ({@code POST /api/sessions/{id}/connections}): the same rules
     * as a socket's, with the token (if any) taken from the request's headers.
     *
     * @param ip the limit key of the client's address ({@link ClientAddress#of})
     */
    public CompletionStage<Admission> admit(java.util.function.Function<String, String> header, String query, String ip,
                                            String capability) {
        String name = null;
        long expires = 0;
        if (bearer.enabled()) { // verified at the upgrade (or by the REST filter) already; read again for the name and expiry
            JsonWebToken jwt = bearer.verify(bearer.fromUpgrade(header, query));
            if (jwt == null) return CompletableFuture.completedFuture(refuse(ip, ErrorCode.FORBIDDEN, "a valid token is required", CLOSE_TOKEN));
            name = Bearer.nameOf(jwt);
            expires = Bearer.expiresAtMillis(jwt);
            // The verifier allows a minute of clock skew past the expiry; a connection would end at once anyway
            // (its end is scheduled at the expiry), so a client reconnecting with that token is told why instead.
            if (expires > 0 && expires <= System.currentTimeMillis()) {
                return CompletableFuture.completedFuture(refuse(ip, ErrorCode.FORBIDDEN,
                        "your token expired; connect again with a new one", CLOSE_TOKEN));
            }
        }
        String tokenName = name;
        long tokenExpires = expires;
        return access.resolveAsync(capability).thenApply(grant -> {
            if (grant == null) return refuse(ip, ErrorCode.UNKNOWN_SESSION, "no session '" + capability + "'", CLOSE_SESSION_CLOSED);
            if (!connections.tryOpen(ip)) {
                return refuse(ip, ErrorCode.RATE_LIMITED, "more than " + limits.connectionsPerIp()
                        + " connections from one address", CLOSE_LIMIT);
            }
            return new Admission(grant.sessionId(), capability, !grant.canEdit(), ip, tokenName, null, null, 0, tokenExpires);
        });
    }

    private static Admission refuse(String ip, ErrorCode code, String message, int closeCode) {
        return new Admission(null, null, false, ip, null, code, message, closeCode, 0);
    }

    /** Releases the connection-limit slot of an admitted socket. */
    public void closed(Admission admission) {
        if (admission.refusal() == null) connections.closed(admission.ip());
    }

    public RateLimit newByteRate() {
        return new RateLimit(limits.bytesPerSecond(), limits.byteBurst());
    }

    public long bytesPerSecond() {
        return limits.bytesPerSecond();
    }

    public boolean tryRun(String ip) {
        return ipLimits.tryAcquire(IpRateLimits.Kind.RUN, ip);
    }

    public int runsPerIpPerMinute() {
        return limits.runsPerIpPerMinute();
    }

    public int participantsPerSession() {
        return limits.participantsPerSession();
    }

    /** The address without the port ("1.2.3.4:5678" or "[::1]:5678"). */
    static String ipOf(String remote) {
        if (remote == null) return null;
        int colon = remote.lastIndexOf(':');
        if (colon > 0 && remote.indexOf(':') == colon) return remote.substring(0, colon);
        if (remote.startsWith("[") && remote.contains("]")) return remote.substring(1, remote.indexOf(']'));
        return remote;
    }
}
