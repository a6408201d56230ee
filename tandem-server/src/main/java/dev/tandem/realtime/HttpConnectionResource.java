package dev.tandem.realtime;

import dev.tandem.api.ApiException;
import dev.tandem.protocol.ErrorCode;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * The requests of an HTTP-transport connection, served by any node: its server messages as server-sent events
 * or by (long) polling, and its client messages by {@code POST} ({@link HttpConnections}).
 */
@Path("/api/connections/{connection}")
public class HttpConnectionResource {
    private final HttpConnections connections;

    public HttpConnectionResource(HttpConnections connections) {
        this.connections = connections;
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "The connection's server messages as server-sent events",
            description = "Each event's data is one server message and its id the message number; starts at message 1, "
                    + "or after Last-Event-ID exactly. The stream ends when the connection is closed.")
    @APIResponse(responseCode = "200", description = "text/event-stream")
    @APIResponse(responseCode = "404", description = "NO_SUCH_CONNECTION")
    @APIResponse(responseCode = "410", description = "MESSAGES_GONE: open a new connection")
    public Multi<OutboundSseEvent> stream(@PathParam("connection") String id,
                                          @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        long after = 0;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw new ApiException(400, ErrorCode.BAD_MESSAGE, "Last-Event-ID must be a message number");
            }
            if (after < 0) throw new ApiException(400, ErrorCode.BAD_MESSAGE, "Last-Event-ID must be 0 or more");
        }
        connections.checkReadable(id, after);
        long from = after;
        return Multi.createFrom().emitter(emitter -> {
            // At once, so that the client sees the stream open (EventSource's onopen) before the first message.
            emitter.emit(sse.newEventBuilder().comment("open").build());
            follow(emitter, sse, id, from);
        });
    }

    /** One round: the messages after {@code after} as soon as there are some, or a heartbeat comment. */
    private void follow(MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, String id, long after) {
        if (emitter.isCancelled()) return;
        long heartbeat = Math.max(100, Math.min(connections.config().heartbeatMs(), connections.config().idleMs() / 3));
        connections.read(id, after, heartbeat).whenComplete((page, failure) -> {
            if (emitter.isCancelled()) return;
            if (failure != null) { // closed, or its messages are gone: end the stream; a reconnect learns why
                emitter.complete();
                return;
            }
            synchronized (emitter) {
                for (int i = 0; i < page.messages().size(); i++) {
                    emitter.emit(sse.newEventBuilder().id(Long.toString(page.numbers().get(i)))
                            .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, page.messages().get(i)).build());
                }
                if (page.ended()) {
                    emitter.complete();
                    return;
                }
                if (page.messages().isEmpty()) emitter.emit(sse.newEventBuilder().comment("").build());
            }
            follow(emitter, sse, id, page.last());
        });
    }

    @GET
    @Path("/messages")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Poll the connection's server messages",
            description = "The messages numbered after `after`, at once when there are some, else as soon as one comes or "
                    + "after waitMs (0: short polling; at most 30000). Answers {\"messages\":[...],\"last\":M}.")
    @APIResponse(responseCode = "200", description = "{\"messages\":[...],\"last\":M}")
    @APIResponse(responseCode = "404", description = "NO_SUCH_CONNECTION")
    @APIResponse(responseCode = "410", description = "MESSAGES_GONE: open a new connection")
    public Uni<Response> messages(@PathParam("connection") String id,
                                  @Parameter(description = "the last message number already read (default 0)") @QueryParam("after") Long after,
                                  @Parameter(description = "longest wait in ms (default 0, at most 30000)") @QueryParam("waitMs") Long waitMs) {
        return Uni.createFrom().completionStage(() -> connections.read(id, after == null ? 0 : after, waitMs == null ? 0 : waitMs))
                .onFailure().transform(HttpConnections::unwrap)
                .map(page -> Response.ok(json(page.messages(), page.last()), MediaType.APPLICATION_JSON_TYPE).build());
    }

    private static String json(List<String> messages, long last) {
        StringBuilder out = new StringBuilder(64 + messages.stream().mapToInt(String::length).sum());
        out.append("{\"messages\":[");
        for (int i = 0; i < messages.size(); i++) out.append(i == 0 ? "" : ",").append(messages.get(i));
        return out.append("],\"last\":").append(last).append('}').toString();
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send client messages",
            description = "A JSON array of client messages (or one object), handled in order of arrival exactly as on a "
                    + "socket; their answers come as numbered messages. Nothing of a refused body is queued.")
    @APIResponse(responseCode = "202", description = "{\"queued\":n}")
    @APIResponse(responseCode = "400", description = "BAD_MESSAGE or another code of a malformed message")
    @APIResponse(responseCode = "403", description = "FORBIDDEN: a view link may send only hello, pull and presence")
    @APIResponse(responseCode = "404", description = "NO_SUCH_CONNECTION")
    @APIResponse(responseCode = "413", description = "TOO_LARGE")
    public Uni<Response> post(@PathParam("connection") String id, String body) {
        return Uni.createFrom().completionStage(() -> connections.post(id, body))
                .onFailure().transform(HttpConnections::unwrap)
                .map(n -> Response.accepted("{\"queued\":" + n + "}").type(MediaType.APPLICATION_JSON_TYPE).build());
    }
}
