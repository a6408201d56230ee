package dev.tandem.run;

/**
 * One program to run.
 *
 * @param language the language (its image, file name and commands)
 * @param source   the source code (UTF-8 when written to the file)
 * @param stdin    the program's whole standard input ("" for none); EOF follows it
 * @param limits   limits, or null for the language's defaults
 */
public record RunRequest(Language language, String source, String stdin, Limits limits) {

    public RunRequest {
        if (language == null) throw new IllegalArgumentException("language is required");
        source = source == null ? "" : source;
        stdin = stdin == null ? "" : stdin;
        limits = limits == null ? language.defaultLimits() : limits;
    }

    public RunRequest(Language language, String source, String stdin) {
        this(language, source, stdin, null);
    }
}
