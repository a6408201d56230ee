package dev.tandem.realtime;

import dev.tandem.access.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code POST /api/sessions/{id}/connections}: opens an HTTP-transport connection ({@link HttpConnections}). */
@Path("/api/sessions/{id}/connections")
public class HttpConnectResource {
    private final HttpConnections connections;

    public HttpConnectResource(HttpConnections connections) {
        this.connections = connections;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a connection without WebSockets",
            description = "Joins the session as the socket's hello would ({\"clientId\",\"name\",\"resumeToken\"?}, all optional; "
                    + "the id is the edit or view link, with a token as for the socket). Answers the connection id (a capability) "
                    + "and the welcome (message 0); read the next messages from /api/connections/{connection}/stream or /messages.")
    @RequestBody(description = "the hello's fields")
    @APIResponse(responseCode = "201", description = "{\"connection\",\"welcome\"}")
    @APIResponse(responseCode = "404", description = "UNKNOWN_SESSION")
    @APIResponse(responseCode = "409", description = "CLIENT_ID_TAKEN (resume with its resumeToken) or SESSION_FULL")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many connections from one address")
    public Uni<Response> open(@PathParam("id") String link, String body, HttpServerRequest request) {
        String ip = ClientAddress.of(request);
        return Uni.createFrom().completionStage(() -> connections.open(link, request::getHeader, request.query(), ip, body))
                .onFailure().transform(HttpConnections::unwrap)
                .map(json -> Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(json).build());
    }
}
