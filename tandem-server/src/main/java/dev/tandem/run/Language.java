package dev.tandem.run;

import java.util.List;

/**
 * A language a document can be run in.
 *
 * @param id             stable id used on the wire ("python", "javascript", ...)
 * @param name           display name
 * @param version        toolchain version shipped in the image
 * @param image          Docker image (built from sandbox-images/&lt;id&gt;)
 * @param fileName       name of the source file inside the work directory (/work)
 * @param compileCommand argv run in /work before the program, or null for interpreted languages; an argument
 *                       {@code {files:<glob>}} stands for the job's files that match ({@link FileArguments})
 * @param runCommand     argv of the program, run in /work with the user's stdin
 * @param defaultLimits  limits used when a request has none
 */
public record Language(String id, String name, String version, String image, String fileName,
                       List<String> compileCommand, List<String> runCommand, Limits defaultLimits) {

    public Language {
        compileCommand = compileCommand == null ? null : List.copyOf(compileCommand);
        runCommand = List.copyOf(runCommand);
        if (runCommand.isEmpty()) throw new IllegalArgumentException("empty run command");
        if (!fileName.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("bad file name " + fileName);
    }

    /** The compile argv for a job of the files at {@code paths} (the main file first): placeholders expanded. */
    public List<String> compileCommand(List<String> paths) {
        return compileCommand == null ? null : FileArguments.expand(compileCommand, paths);
    }

    public boolean compiled() {
        return compileCommand != null && !compileCommand.isEmpty();
    }
}
