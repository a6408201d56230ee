package dev.tandem.run;

/**
 * One file of a program as a job takes it (v1.1 "Several files"): its path in the session, the version of
 * that file's own document when the job was requested, and its text. The main file comes first in every list
 * and is the entry point.
 *
 * @param version the file's version, or 0 for files that were never a session document (runs without a session)
 */
public record SourceFile(String path, int version, String content) {

    public SourceFile {
        if (path == null || path.isEmpty()) throw new IllegalArgumentException("a file needs a path");
        content = content == null ? "" : content;
    }
}
