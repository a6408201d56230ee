package dev.tandem.run;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The placeholder through which a descriptor's {@code compile} names the job's files (docs/runs.md, "Several files"):
 * an argument that is exactly {@code {files:<glob>}} stands for every file of the job whose path matches the glob
 * ({@code java.nio} glob syntax: {@code *} stays within a folder, {@code **} crosses folders, {@code {c,h}} is
 * either), one argument per file, in the job's order (the main file first). The server expands it from the job's
 * list of validated paths and quotes each one; no shell ever expands a pattern over what the user wrote.
 */
public final class FileArguments {
    static final String PREFIX = "{files:";

    private FileArguments() {
    }

    /** Whether {@code arg} is a placeholder (well formed or not). */
    static boolean isPlaceholder(String arg) {
        return arg.startsWith("{") && arg.endsWith("}");
    }

    /**
     * Why the placeholders of {@code argv} are wrong, or null: each must be {@code {files:<glob>}} with a glob that
     * compiles and that matches {@code mainFile} (the entry point is always part of the program).
     */
    static String check(List<String> argv, String mainFile) {
        for (String arg : argv) {
            if (!isPlaceholder(arg)) continue;
            if (!arg.startsWith(PREFIX) || arg.length() == PREFIX.length() + 1) {
                return "argument " + arg + " is not a placeholder of the form {files:<glob>}";
            }
            PathMatcher m;
            try {
                m = matcher(arg);
            } catch (IllegalArgumentException e) { // PatternSyntaxException among them
                return "argument " + arg + " has a glob that does not compile: " + e.getMessage();
            }
            if (!m.matches(Path.of(mainFile))) return "argument " + arg + " does not match the main file " + mainFile;
        }
        return null;
    }

    /** Whether {@code argv} names the job's files through a placeholder. */
    static boolean names(List<String> argv) {
        return argv != null && argv.stream().anyMatch(a -> a.startsWith(PREFIX) && isPlaceholder(a));
    }

    /** {@code argv} with each placeholder replaced by the matching {@code paths} (valid relative paths), in order. */
    static List<String> expand(List<String> argv, List<String> paths) {
        List<String> out = new ArrayList<>(argv.size() + paths.size());
        for (String arg : argv) {
            if (!(arg.startsWith(PREFIX) && isPlaceholder(arg))) {
                out.add(arg);
                continue;
            }
            PathMatcher m = matcher(arg);
            for (String p : paths) if (m.matches(Path.of(p))) out.add(p);
        }
        return out;
    }

    private static PathMatcher matcher(String placeholder) {
        return FileSystems.getDefault().getPathMatcher("glob:" + placeholder.substring(PREFIX.length(), placeholder.length() - 1));
    }
}
