package dev.tandem.run;

import java.util.List;

/**
 * Which file went into a job, and at which version (v1.1 "Several files"): the {@code "files":[{"path","version"}]}
 * of {@code run.queued} and of the run record. {@code version} is that file's own version in the session, or null
 * for a run without a session (as the run's {@code version}).
 */
public record FileVersion(String path, Integer version) {

    /** The files of a job, in its order (the main file first). */
    public static List<FileVersion> of(List<SourceFile> files, boolean inSession) {
        return files.stream().map(f -> new FileVersion(f.path(), inSession ? f.version() : null)).toList();
    }
}
