package dev.tandem.run;

/**
 * What the paths of one program must also be, beyond each path's own rules ({@code dev.tandem.protocol.FilePaths}):
 * files that can all exist at once in one folder.
 */
public final class ProgramPaths {
    private ProgramPaths() {
    }

    /**
     * Whether two valid paths cannot both be files: the same path, or one is a folder of the other ({@code lib}
     * and {@code lib/util.py}).
     */
    public static boolean clash(String a, String b) {
        return a.equals(b) || b.startsWith(a + "/") || a.startsWith(b + "/");
    }
}
