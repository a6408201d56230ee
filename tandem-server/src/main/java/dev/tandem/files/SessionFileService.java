package dev.tandem.files;

import dev.tandem.collab.JsonBytes;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.collab.authority.Snapshot;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.FilePaths;
import dev.tandem.protocol.ServerMessage.FileContent;
import dev.tandem.session.FileProcessors;
import dev.tandem.session.FileRefusal;
import dev.tandem.session.FileTable;
import dev.tandem.session.SessionFiles;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The files of a session (v1.1 "Several files"): each is its own document in the authority, so pushes, pulls,
 * history, storage and timeline work per file exactly as for the main file, and a push costs the same however
 * many files the session has. The file table ({@link FileTable}) maps paths to documents.
 *
 * <p>Blocking (cluster calls): call from a worker thread. The main file's path follows the session's language
 * and is passed in by the caller.
 */
@ApplicationScoped
public class SessionFileService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FileTable table;
    private final DocumentAuthority authority;

    public SessionFileService(FileTable table, DocumentAuthority authority) {
        this.table = table;
        this.authority = authority;
    }

    /** The key of a new file's document: the session's id (so its rows sort with the session's) and random bits. */
    static String newDocumentKey(String sessionId) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return sessionId + "~" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The session's other files, blocking. */
    public SessionFiles files(String sessionId) {
        return table.files(sessionId);
    }

    public FileChange create(String sessionId, String path, String content, String mainPath) {
        String text = content == null ? "" : content;
        String pathProblem = FilePaths.problem(path);
        SessionFiles files = table.files(sessionId);
        if (pathProblem == null && (path.equals(mainPath) || files.keyOf(path) != null)) {
            return FileChange.refused(ErrorCode.FILE_EXISTS, "a file '" + path + "' exists already");
        }
        String clash = pathProblem == null ? clashing(path, mainPath, files, null) : null;
        if (clash != null) return folderClash(path, clash);
        if (files.entries().size() + 1 >= FilePaths.MAX_FILES) return tooMany();
        List<FileContent> all = currentContents(sessionId, files);
        long total = totalChars(all) + text.length();
        if (total > authority.maxDocumentChars()) {
            return FileChange.refused(ErrorCode.TOO_LARGE, "the session's files may hold at most "
                    + authority.maxDocumentChars() + " characters together; with this file they would hold " + total);
        }
        // The byte limit too (what a welcome carries of every file: docs/security.md 7d).
        long bytes = totalJsonBytes(all) + JsonBytes.of(text);
        if (bytes > authority.maxDocumentBytes()) {
            return FileChange.refused(ErrorCode.TOO_LARGE, "the session's files may take at most "
                    + authority.maxDocumentBytes() + " bytes as JSON together; with this file they would take " + bytes);
        }
        if (pathProblem != null) return FileChange.refused(ErrorCode.BAD_PATH, "bad path: " + pathProblem);
        // The document first, then its entry: a file in the table always has its document (and its text is in
        // storage), so nobody can see a file that cannot be pushed to. A refused entry leaves no document behind.
        String key = newDocumentKey(sessionId);
        authority.create(key, text);
        FileRefusal refusal = join(table.add(sessionId, path, key, mainPath, FilePaths.MAX_FILES));
        if (refusal != null) {
            authority.delete(key);
            return refusal == FileRefusal.TOO_MANY ? tooMany()
                    : FileChange.refused(ErrorCode.FILE_EXISTS, "a file '" + path + "' exists already");
        }
        return FileChange.done(key);
    }

    public FileChange rename(String sessionId, String path, String to, String mainPath) {
        if (path.equals(mainPath)) {
            return FileChange.refused(ErrorCode.MAIN_FILE, "the main file " + mainPath + " cannot be renamed (it follows the language)");
        }
        String toProblem = FilePaths.problem(to);
        if (toProblem != null) {
            // 404 before 400: a rename of a file that does not exist says so first.
            if (table.files(sessionId).keyOf(path) == null) return noSuchFile(path);
            return FileChange.refused(ErrorCode.BAD_PATH, "bad path: " + toProblem);
        }
        String clash = clashing(to, mainPath, table.files(sessionId), path);
        if (clash != null && !clash.equals(to)) return folderClash(to, clash);
        FileProcessors.Outcome outcome = join(table.rename(sessionId, path, to, mainPath));
        if (outcome.refusal() == FileRefusal.NO_SUCH_FILE) return noSuchFile(path);
        if (outcome.refusal() != null) return FileChange.refused(ErrorCode.FILE_EXISTS, "a file '" + to + "' exists already");
        return FileChange.done(outcome.documentKey());
    }

    public FileChange delete(String sessionId, String path, String mainPath) {
        if (path.equals(mainPath)) return FileChange.refused(ErrorCode.MAIN_FILE, "the main file " + mainPath + " cannot be deleted");
        FileProcessors.Outcome outcome = join(table.remove(sessionId, path));
        if (outcome.refusal() != null) return noSuchFile(path);
        authority.delete(outcome.documentKey());
        return FileChange.done(outcome.documentKey());
    }

    /**
     * Every file with its version and text, the main file first (as welcome and GET /api/sessions/{id} show them),
     * the main file's snapshot given by the caller. A file deleted while this reads is left out.
     */
    public List<FileContent> contents(String sessionId, String mainPath, Snapshot main) {
        return contents(main, mainPath, table.files(sessionId));
    }

    public List<FileContent> contents(Snapshot main, String mainPath, SessionFiles files) {
        List<FileContent> all = new ArrayList<>(files.entries().size() + 1);
        all.add(new FileContent(mainPath, main.version(), main.content()));
        List<CompletableFuture<Snapshot>> snapshots = new ArrayList<>();
        for (SessionFiles.Entry e : files.entries()) snapshots.add(authority.snapshot(e.documentKey()).toCompletableFuture());
        for (int i = 0; i < snapshots.size(); i++) {
            Snapshot s = join(snapshots.get(i));
            if (s != null) all.add(new FileContent(files.entries().get(i).path(), s.version(), s.content()));
        }
        return all;
    }

    /** Makes the files of a new session (POST /api/sessions "files"), after its main document exists. */
    public void createAll(String sessionId, List<FileContent> others, String mainPath) {
        for (FileContent f : others) {
            FileChange change = create(sessionId, f.path(), f.content(), mainPath);
            if (!change.isDone()) throw new IllegalArgumentException(change.message());
        }
    }

    /** Every file of the session as it is now, the main file included. */
    private List<FileContent> currentContents(String sessionId, SessionFiles files) {
        Snapshot main = join(authority.snapshot(sessionId).toCompletableFuture());
        return contents(main == null ? new Snapshot(0, "") : main, "", files);
    }

    private static long totalChars(List<FileContent> files) {
        long total = 0;
        for (FileContent f : files) total += f.content().length();
        return total;
    }

    private static long totalJsonBytes(List<FileContent> files) {
        long total = 0;
        for (FileContent f : files) total += JsonBytes.of(f.content());
        return total;
    }

    /**
     * A file whose path is a folder of {@code path}, or a folder of which {@code path} is ({@code lib} and
     * {@code lib/util.py} cannot both be files of one program), {@code except} aside; null when none.
     */
    private static String clashing(String path, String mainPath, SessionFiles files, String except) {
        if (dev.tandem.run.ProgramPaths.clash(path, mainPath) && !path.equals(mainPath)) return mainPath;
        for (SessionFiles.Entry e : files.entries()) {
            if (!e.path().equals(except) && !e.path().equals(path) && dev.tandem.run.ProgramPaths.clash(path, e.path())) return e.path();
        }
        return null;
    }

    private static FileChange folderClash(String path, String other) {
        return FileChange.refused(ErrorCode.FILE_EXISTS, "'" + path + "' and '" + other
                + "' cannot both be files: one would be the other's folder");
    }

    private static FileChange tooMany() {
        return FileChange.refused(ErrorCode.TOO_LARGE, "a session holds at most " + FilePaths.MAX_FILES + " files");
    }

    private static FileChange noSuchFile(String path) {
        return FileChange.refused(ErrorCode.NO_SUCH_FILE, "no file '" + path + "' in this session");
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cluster call failed", e.getCause());
        }
    }
}
