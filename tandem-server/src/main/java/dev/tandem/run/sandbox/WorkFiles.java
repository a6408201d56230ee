package dev.tandem.run.sandbox;

import dev.tandem.protocol.FilePaths;
import dev.tandem.run.ProgramPaths;
import dev.tandem.run.Language;
import dev.tandem.run.SourceFile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of a job as the sandbox writes them into /work (v1.1 "Several files"). The paths were checked where
 * the job came in; they are checked here again, because a path that leaves /work must never reach the container:
 * a job whose files break a rule is refused (internal_error) before any container exists.
 *
 * <p>On the attach stream the files follow the bootstrap's header line, each as {@code "<bytes> <path>\n"} and
 * then exactly that many bytes of UTF-8 ({@link Bootstrap#prologue} reads them back).
 */
final class WorkFiles {
    private WorkFiles() {
    }

    /** Why these files cannot be written, as the run's message; null when they can. */
    static String refuse(Language lang, List<SourceFile> files) {
        if (files == null || files.isEmpty()) return "the job has no file to run";
        if (files.size() > FilePaths.MAX_FILES) return "a program has at most " + FilePaths.MAX_FILES + " files";
        if (!files.get(0).path().equals(lang.fileName())) {
            return "the entry point must be " + lang.fileName() + ", not " + files.get(0).path();
        }
        long bytes = 0;
        Set<String> seen = new HashSet<>();
        for (SourceFile f : files) {
            String bad = FilePaths.problem(f.path());
            if (bad != null) return "a file cannot be written: " + bad;
            if (!seen.add(f.path())) return "the file " + f.path() + " is there twice";
            bytes += f.content().getBytes(StandardCharsets.UTF_8).length;
        }
        for (SourceFile a : files) {
            for (SourceFile b : files) {
                if (a != b && ProgramPaths.clash(a.path(), b.path())) return a.path() + " is a file and a folder of " + b.path();
            }
        }
        if (bytes > DockerSandbox.MAX_SOURCE_BYTES) return "source larger than " + DockerSandbox.MAX_SOURCE_BYTES + " bytes";
        return null;
    }

    /** The paths, in order (the main file first): what a descriptor's {@code {files:<glob>}} is expanded from. */
    static List<String> paths(List<SourceFile> files) {
        return files.stream().map(SourceFile::path).toList();
    }

    /** Every file as {@code "<bytes> <path>\n" + content}. */
    static void write(ByteArrayOutputStream out, List<SourceFile> files) {
        for (SourceFile f : files) {
            byte[] content = f.content().getBytes(StandardCharsets.UTF_8);
            out.writeBytes((content.length + " " + f.path() + "\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(content);
        }
    }
}
