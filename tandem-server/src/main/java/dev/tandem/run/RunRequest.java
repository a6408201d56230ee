package dev.tandem.run;

import java.util.List;

/**
 * One program to run.
 *
 * @param language the language (its image, file name and commands)
 * @param files    the program's files (UTF-8 when written), the main file first: it is the entry point and is
 *                 named by the language ({@link Language#fileName()})
 * @param stdin    the program's whole standard input ("" for none); EOF follows it
 * @param limits   limits, or null for the language's defaults
 */
public record RunRequest(Language language, List<SourceFile> files, String stdin, Limits limits) {

    public RunRequest {
        if (language == null) throw new IllegalArgumentException("language is required");
        files = files == null ? List.of() : List.copyOf(files);
        stdin = stdin == null ? "" : stdin;
        limits = limits == null ? language.defaultLimits() : limits;
    }

    /** A program of one file, the main file: {@code source} under the language's file name. */
    public RunRequest(Language language, String source, String stdin, Limits limits) {
        this(language, mainOnly(language, source), stdin, limits);
    }

    public RunRequest(Language language, String source, String stdin) {
        this(language, source, stdin, null);
    }

    /** The main file's text. */
    public String source() {
        return files.isEmpty() ? "" : files.get(0).content();
    }

    /** The one main file of a single-file program. */
    public static List<SourceFile> mainOnly(Language language, String source) {
        if (language == null) throw new IllegalArgumentException("language is required");
        return List.of(new SourceFile(language.fileName(), 0, source));
    }
}
