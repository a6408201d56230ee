package dev.tandem.access;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Map;
import java.util.Optional;

/**
 * REST rules that apply before any resource: the bearer JWT when {@code tandem.auth.enabled} (401), sessions
 * created per IP per minute and runs requested per IP per minute (429 RATE_LIMITED).
 */
public class AccessFilters {
    @Inject Bearer bearer;
    @Inject IpRateLimits ipLimits;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> filter(ContainerRequestContext context, HttpServerRequest request) {
        String path = context.getUriInfo().getPath();
        if (!path.startsWith("/api/")) return Optional.empty();
        if (bearer.enabled() && bearer.verify(Bearer.fromAuthorization(context.getHeaderString("Authorization"))) == null) {
            return Optional.of(error(401, "UNAUTHORIZED", "a valid bearer token is required"));
        }
        String ip = ClientAddress.of(request); // the forwarded address only from trusted proxies
        if ("GET".equals(context.getMethod()) && !ipLimits.tryAcquire(IpRateLimits.Kind.READ, ip)) {
            return Optional.of(error(429, "RATE_LIMITED", "more than " + ipLimits.limit(IpRateLimits.Kind.READ)
                    + " reads per minute from one address"));
        }
        if ("POST".equals(context.getMethod())) {
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (p.equals("/api/sessions") && !ipLimits.tryAcquire(IpRateLimits.Kind.SESSION_CREATE, ip)) {
                return Optional.of(error(429, "RATE_LIMITED", "more than " + ipLimits.limit(IpRateLimits.Kind.SESSION_CREATE)
                        + " sessions created per minute from one address"));
            }
            if (p.startsWith("/api/sessions/") && p.endsWith("/runs") && !ipLimits.tryAcquire(IpRateLimits.Kind.RUN, ip)) {
                return Optional.of(error(429, "RATE_LIMITED", "more than " + ipLimits.limit(IpRateLimits.Kind.RUN)
                        + " runs per minute from one address"));
            }
            // submissions share the runs' budget: each one starts a container too
            if (p.startsWith("/api/sessions/") && p.endsWith("/submissions") && !ipLimits.tryAcquire(IpRateLimits.Kind.RUN, ip)) {
                return Optional.of(error(429, "RATE_LIMITED", "more than " + ipLimits.limit(IpRateLimits.Kind.RUN)
                        + " runs and submissions per minute from one address"));
            }
        }
        return Optional.empty();
    }

    private static Response error(int status, String code, String message) {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", code, "message", message));
        if (status == 401) builder.header("WWW-Authenticate", "Bearer");
        return builder.build();
    }
}
