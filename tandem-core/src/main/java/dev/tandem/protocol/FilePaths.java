package dev.tandem.protocol;

/**
 * The path rules of v1.1 "Several files": relative, {@code /}-separated, case-sensitive, each part
 * {@code [A-Za-z0-9._-]{1,64}} and neither {@code .} nor {@code ..}, at most 256 characters. One place for
 * them, so a file made over the socket, over REST, or named in a run without a session obeys the same rules.
 */
public final class FilePaths {
    public static final int MAX_LENGTH = 256;
    public static final int MAX_PART = 64;
    /** Files per session, the main file included: the 65th is {@code TOO_LARGE}. */
    public static final int MAX_FILES = 64;

    private FilePaths() {}

    /** What is wrong with {@code path}, for the BAD_PATH message; null when it is a valid path. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) return "a file needs a path";
        if (path.length() > MAX_LENGTH) return "a path has at most " + MAX_LENGTH + " characters";
        if (path.startsWith("/")) return "a path is relative: no leading '/'";
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) end = path.length();
            String part = path.substring(start, end);
            if (part.isEmpty()) return "a path has no empty parts ('//' or a trailing '/')";
            if (part.equals(".") || part.equals("..")) return "a path may not contain '.' or '..' parts";
            if (part.length() > MAX_PART) return "each part of a path has at most " + MAX_PART + " characters";
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!ok) return "a path may contain only letters, digits, '.', '_', '-' and '/' between parts";
            }
            start = end + 1;
        }
        return null;
    }

    public static boolean isValid(String path) {
        return problem(path) == null;
    }
}
