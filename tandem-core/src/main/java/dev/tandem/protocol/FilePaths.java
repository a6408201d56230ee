package dev.tandem.protocol;

import java.util.regex.Pattern;

/**
 * The path rules of v1.1 "Several files", in one place for everything that takes a file's path (sessions'
 * {@code file.create}/{@code file.rename}, runs without a session, the sandbox that writes the files): relative,
 * {@code /}-separated, case-sensitive, each part {@code [A-Za-z0-9._-]{1,64}} and neither {@code .} nor {@code ..},
 * at most {@value #MAX_PATH_CHARS} characters; at most {@value #MAX_FILES} files. A path that breaks them is
 * refused with {@link #BAD_PATH}.
 */
public final class FilePaths {
    /** The error code of a path that breaks the rules (a 400 on REST). */
    public static final String BAD_PATH = "BAD_PATH";
    public static final int MAX_PATH_CHARS = 256;
    public static final int MAX_PART_CHARS = 64;
    /** Files of one session or one run; the next one is {@code TOO_LARGE}. */
    public static final int MAX_FILES = 64;

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_PART_CHARS + "}");

    private FilePaths() {
    }

    /** Why {@code path} is not a valid file path, as a sentence for the error; null when it is valid. */
    public static String check(String path) {
        if (path == null || path.isEmpty()) return "a file needs a path";
        if (path.length() > MAX_PATH_CHARS) return "a path is at most " + MAX_PATH_CHARS + " characters";
        if (path.startsWith("/")) return "'" + path + "' is absolute; paths are relative to the program's folder";
        for (String part : path.split("/", -1)) {
            if (part.equals(".") || part.equals("..")) return "'" + path + "' has a part '" + part + "'";
            if (!PART.matcher(part).matches()) {
                return "'" + printable(path) + "' has a part that is empty or not of [A-Za-z0-9._-]{1," + MAX_PART_CHARS + "}";
            }
        }
        return null;
    }

    /** Whether {@code path} is valid ({@link #check} answers null). */
    public static boolean valid(String path) {
        return check(path) == null;
    }

    /**
     * Whether two valid paths cannot both be files: the same path, or one is a folder of the other ({@code lib}
     * and {@code lib/util.py}).
     */
    public static boolean clash(String a, String b) {
        return a.equals(b) || b.startsWith(a + "/") || a.startsWith(b + "/");
    }

    private static String printable(String path) {
        StringBuilder s = new StringBuilder(path.length());
        path.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) s.append(String.format("\\u%04x", c));
            else s.appendCodePoint(c);
        });
        return s.toString();
    }
}
