package dev.tandem.api;

import dev.tandem.access.SessionAccess;
import dev.tandem.session.SessionIds;
import dev.tandem.session.SessionInfo;
import dev.tandem.session.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The session a capability link in a REST path opens, for the resources that take one (the session's own, its
 * timeline): an unknown link, a malformed id or a session that is gone are all the same 404, so a guess learns
 * nothing.
 */
@ApplicationScoped
public class LinkedSessions {
    @Inject SessionAccess access;
    @Inject SessionStore sessions;

    /** The id of the session {@code link} (an edit or a view link) opens. */
    public String idOf(String link) {
        var grant = access.resolve(link);
        if (grant == null) throw ApiException.notFound("session '" + link + "'");
        return grant.sessionId();
    }

    /** The session with that id. */
    public SessionInfo find(String id) {
        if (!SessionIds.isWellFormed(id)) throw ApiException.notFound("session '" + id + "'");
        return sessions.find(id).orElseThrow(() -> ApiException.notFound("session '" + id + "'"));
    }
}
