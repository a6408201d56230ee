package dev.tandem.run;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A language as data: {@code sandbox-images/<id>/language.json} (docs/runs.md, "Adding a language"). The server reads
 * one per language at start ({@link LanguageCatalog}); adding a language needs a folder, not a Java change.
 *
 * @param id         stable id used on the wire, the same as the folder's name
 * @param name       display name
 * @param version    toolchain version shipped in the image
 * @param image      Docker image with its tag (bumped when the Dockerfile changes, so old and new images coexist)
 * @param fileName   the main file inside /work
 * @param compile    argv run in /work before the program; absent for interpreted languages. An argument
 *                   {@code {files:<glob>}} is replaced by the job's files that match it ({@link FileArguments})
 * @param run        argv of the program
 * @param limits     default limits of a run
 * @param order      position in the language list (ascending; ties by id)
 * @param unbuffered how the program's output reaches the client as it is written (documentation only)
 * @param severalFiles how a program of several files is built and finds its siblings (documentation only)
 */
public record LanguageDescriptor(@JsonProperty(required = true) String id,
                                 @JsonProperty(required = true) String name,
                                 @JsonProperty(required = true) String version,
                                 @JsonProperty(required = true) String image,
                                 @JsonProperty(required = true) String fileName,
                                 List<String> compile,
                                 @JsonProperty(required = true) List<String> run,
                                 @JsonProperty(required = true) Limits limits,
                                 Integer order,
                                 String unbuffered,
                                 String severalFiles) {

    /** Sorted after every language that names its order. */
    public static final int DEFAULT_ORDER = 1_000;

    private static final String ID = "[a-z][a-z0-9_-]{0,31}";
    /** repository[:tag], as Docker spells it (lower case, no digest). */
    private static final String IMAGE = "[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?";

    /** @throws IllegalArgumentException naming the first field that is wrong */
    public Language toLanguage() {
        if (id == null || !id.matches(ID)) throw new IllegalArgumentException("id must match " + ID + ": " + id);
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is empty");
        if (version == null || version.isBlank()) throw new IllegalArgumentException("version is empty");
        if (image == null || !image.matches(IMAGE)) throw new IllegalArgumentException("image is not a Docker image name: " + image);
        if (fileName == null || !fileName.matches("[A-Za-z0-9_.-]+") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("fileName must be a plain file name: " + fileName);
        }
        requireArgv("run", run);
        if (compile != null) requireArgv("compile", compile);
        if (run.stream().anyMatch(FileArguments::isPlaceholder)) {
            throw new IllegalArgumentException("run cannot name the job's files; a {files:<glob>} belongs in compile");
        }
        String placeholders = compile == null ? null : FileArguments.check(compile, fileName);
        if (placeholders != null) throw new IllegalArgumentException("compile " + placeholders);
        if (limits == null) throw new IllegalArgumentException("limits are missing");
        return new Language(id, name, version, image, fileName, compile == null || compile.isEmpty() ? null : compile, run, limits);
    }

    public int sortOrder() {
        return order == null ? DEFAULT_ORDER : order;
    }

    private static void requireArgv(String field, List<String> argv) {
        if (argv == null || argv.isEmpty()) throw new IllegalArgumentException(field + " must be a non-empty list of arguments");
        for (String a : argv) {
            if (a == null || a.isEmpty()) throw new IllegalArgumentException(field + " has an empty argument");
        }
    }
}
