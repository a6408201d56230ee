package dev.tandem.api;

import dev.tandem.collab.JsonBytes;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.FilePaths;
import dev.tandem.protocol.ServerMessage.FileContent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code files} of {@code POST /api/sessions} (v1.1 "Several files"), checked before anything is made: paths
 * by the contract's rules, no path twice, at most 64 files, and an entry for the main file only without
 * {@code content}. Refusals follow the contract's order (413 before 400).
 *
 * @param mainContent the main file's content from its entry, or null when the list has none
 * @param others      the other files, version 0
 * @param otherJsonBytes what the other files take as JSON together (the byte limit counts all files)
 */
record NewFiles(String mainContent, List<FileContent> others, long otherChars, long otherJsonBytes) {
    NewFiles(String mainContent, List<FileContent> others, long otherChars) {
        this(mainContent, others, otherChars, others.stream().mapToLong(f -> JsonBytes.of(f.content())).sum());
    }

    static NewFiles of(List<SessionResource.NewFile> files, String mainPath, boolean hasContent, int maxChars) {
        if (files == null || files.isEmpty()) return new NewFiles(null, List.of(), 0);
        if (files.size() > FilePaths.MAX_FILES) {
            throw new ApiException(413, ErrorCode.TOO_LARGE, "a session holds at most " + FilePaths.MAX_FILES + " files");
        }
        String mainContent = null;
        List<FileContent> others = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long chars = 0;
        String badPath = null;
        for (SessionResource.NewFile f : files) {
            if (f == null) throw new ApiException(400, ErrorCode.BAD_MESSAGE, "each entry of files is {\"path\",\"content\"}");
            String content = f.content() == null ? "" : f.content();
            chars += content.length();
            String problem = FilePaths.problem(f.path());
            if (problem != null) {
                if (badPath == null) badPath = "bad path '" + f.path() + "': " + problem;
                continue;
            }
            if (!seen.add(f.path())) throw new ApiException(400, ErrorCode.BAD_PATH, "the path '" + f.path() + "' is listed twice");
            if (f.path().equals(mainPath)) mainContent = content;
            else others.add(new FileContent(f.path(), 0, content));
        }
        if (chars > maxChars) {
            throw new ApiException(413, ErrorCode.TOO_LARGE, "content is limited to " + maxChars + " characters for all files together");
        }
        if (badPath != null) throw new ApiException(400, ErrorCode.BAD_PATH, badPath);
        List<String> paths = new ArrayList<>(seen);
        paths.add(mainPath);
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (!paths.get(i).equals(paths.get(j)) && dev.tandem.run.ProgramPaths.clash(paths.get(i), paths.get(j))) {
                    throw new ApiException(400, ErrorCode.BAD_PATH, "'" + paths.get(i) + "' and '" + paths.get(j)
                            + "' cannot both be files: one would be the other's folder");
                }
            }
        }
        if (mainContent != null && hasContent) {
            throw new ApiException(400, ErrorCode.BAD_MESSAGE, "give the main file's text either as content or as the files entry "
                    + mainPath + ", not both");
        }
        long otherChars = chars - (mainContent == null ? 0 : mainContent.length());
        return new NewFiles(mainContent, others, otherChars);
    }
}
