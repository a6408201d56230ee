package dev.tandem.run.queue;

import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.collab.authority.Snapshot;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.run.RunRefused;
import dev.tandem.session.SessionIds;
import dev.tandem.session.SessionInfo;
import dev.tandem.session.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ExecutionException;

/**
 * Where every job (a run, a submission) starts: the session it belongs to and the document at its current
 * version, or the refusal a caller gets when either is missing. Blocking (cluster calls).
 */
@ApplicationScoped
public class JobIntake {
    private final SessionStore sessions;
    private final DocumentAuthority authority;

    private final dev.tandem.session.FileTable files;

    public JobIntake(SessionStore sessions, DocumentAuthority authority, dev.tandem.session.FileTable files) {
        this.sessions = sessions;
        this.authority = authority;
        this.files = files;
    }

    /** The session, or 404 UNKNOWN_SESSION (also for an id that cannot be one, without asking the cluster). */
    public SessionInfo session(String sessionId) {
        SessionInfo session = SessionIds.isWellFormed(sessionId) ? sessions.find(sessionId).orElse(null) : null;
        if (session == null) throw unknown(sessionId);
        return session;
    }

    /** The session's document as it is now: the job's source and the version it reports. */
    public Snapshot snapshot(String sessionId) {
        Snapshot snapshot;
        try {
            snapshot = authority.snapshot(sessionId).toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunRefused(ErrorCode.RUN_UNAVAILABLE, 503, "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("cluster call failed", e.getCause());
        }
        if (snapshot == null) throw unknown(sessionId);
        return snapshot;
    }

    /**
     * Every file of the session at its current version, the main file first (named by the language): what a
     * run or submission takes. The seam where v1.1 "Several files" supplies the session's other files.
     */
    public java.util.List<dev.tandem.run.SourceFile> sources(String sessionId, dev.tandem.run.Language language) {
        // Every read is started before any is awaited: the versions are those current when the job was asked for.
        var files = this.files.files(sessionId);
        java.util.List<java.util.concurrent.CompletableFuture<Snapshot>> reads = new java.util.ArrayList<>();
        for (var entry : files.entries()) reads.add(authority.snapshot(entry.documentKey()).toCompletableFuture());
        Snapshot main = snapshot(sessionId);
        java.util.List<dev.tandem.run.SourceFile> sources = new java.util.ArrayList<>();
        sources.add(new dev.tandem.run.SourceFile(language.fileName(), main.version(), main.content()));
        for (int i = 0; i < reads.size(); i++) {
            Snapshot s = reads.get(i).join();
            if (s != null) sources.add(new dev.tandem.run.SourceFile(files.entries().get(i).path(), s.version(), s.content()));
        }
        return sources;
    }

    private static RunRefused unknown(String sessionId) {
        return new RunRefused(ErrorCode.UNKNOWN_SESSION, 404, "no session '" + sessionId + "'");
    }
}
