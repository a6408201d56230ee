package dev.tandem.api;

import dev.tandem.access.SessionAccess;
import dev.tandem.protocol.ErrorCode;

/** Turns the link in a REST path into the session it grants, for calls that only editors may make. */
final class EditLink {
    private EditLink() {}

    /** The internal session id; 404 for an unknown or rotated-away link, 403 for a view-only link. */
    static String sessionId(SessionAccess access, String link) {
        SessionAccess.Grant grant = access.resolve(link);
        if (grant == null) throw new ApiException(404, ErrorCode.UNKNOWN_SESSION, "no session '" + link + "'");
        if (!grant.canEdit()) throw new ApiException(403, ErrorCode.FORBIDDEN, "this is a view-only link");
        return grant.sessionId();
    }
}
