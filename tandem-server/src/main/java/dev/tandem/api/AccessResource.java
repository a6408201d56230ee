package dev.tandem.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.access.Bearer;
import dev.tandem.access.SessionAccess;
import dev.tandem.access.SocketGate;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.JsonText;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.session.SessionDisconnects;
import dev.tandem.session.SessionStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The owner's endpoints. The owner token goes in {@code X-Tandem-Owner}, or (when {@code tandem.auth.enabled}
 * is off, so the header is free) in {@code Authorization: Bearer}.
 */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class AccessResource {

    public record LinksView(String id, String editLink, String viewLink, String editWsPath, String viewWsPath) {}

    @Inject SessionAccess access;
    @Inject SessionDisconnects participants;
    @Inject SessionStore sessions;
    @Inject Bearer bearer;
    @Inject ObjectMapper mapper;

    @POST
    @Path("/{id}/links/rotate")
    public LinksView rotate(@PathParam("id") String id, @HeaderParam("X-Tandem-Owner") String owner,
                            @HeaderParam("Authorization") String authorization) {
        String sessionId = owned(id, owner, authorization);
        SessionAccess.Links links = access.rotate(sessionId);
        if (links == null) throw ApiException.notFound("session '" + id + "'");
        return view(sessionId, links);
    }

    @DELETE
    @Path("/{id}/participants/{clientId}")
    public Response kick(@PathParam("id") String id, @PathParam("clientId") String clientId,
                         @HeaderParam("X-Tandem-Owner") String owner, @HeaderParam("Authorization") String authorization) {
        String sessionId = owned(id, owner, authorization);
        boolean present = sessions.participants(sessionId).stream().anyMatch(p -> p.clientId().equals(clientId));
        if (!present) throw ApiException.notFound("participant '" + clientId + "'");
        participants.disconnect(sessionId, clientId, SocketGate.CLOSE_KICKED,
                JsonText.write(mapper, new ServerMessage.Error(ErrorCode.FORBIDDEN, "removed from the session by its owner", null)));
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{id}")
    public Response close(@PathParam("id") String id, @HeaderParam("X-Tandem-Owner") String owner,
                          @HeaderParam("Authorization") String authorization) {
        String sessionId = owned(id, owner, authorization);
        access.close(sessionId);
        participants.disconnect(sessionId, null, SocketGate.CLOSE_SESSION_CLOSED,
                JsonText.write(mapper, new ServerMessage.Error(ErrorCode.UNKNOWN_SESSION, "the session was closed by its owner", null)));
        return Response.noContent().build();
    }

    static LinksView view(String sessionId, SessionAccess.Links links) {
        return new LinksView(sessionId, links.edit(), links.view(), "/ws/sessions/" + links.edit(), "/ws/sessions/" + links.view());
    }

    /** The session named by an id or any of its capabilities, once the owner token is checked. */
    private String owned(String id, String owner, String authorization) {
        String token = owner != null ? owner : bearer.enabled() ? null : Bearer.fromAuthorization(authorization);
        SessionAccess.Grant grant = access.resolve(id);
        String sessionId = grant != null ? grant.sessionId() : id;
        if (!access.exists(sessionId)) throw ApiException.notFound("session '" + id + "'");
        if (token == null) throw new ApiException(401, "UNAUTHORIZED", "the owner token is required (X-Tandem-Owner)");
        if (!access.isOwner(sessionId, token)) throw new ApiException(403, ErrorCode.FORBIDDEN, "not the owner of this session");
        return sessionId;
    }
}
