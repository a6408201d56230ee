package dev.tandem.run.execute;

import dev.tandem.protocol.FilePaths;
import dev.tandem.run.ProgramPaths;
import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.Limits;
import dev.tandem.run.RunRefused;
import dev.tandem.run.RunRequest;
import dev.tandem.run.SourceFile;
import dev.tandem.run.sandbox.DockerSandbox;
import dev.tandem.run.sandbox.SandboxConfig;
import dev.tandem.run.sandbox.SandboxSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the body of a run without a session and turns it into an {@link ExecuteSpec}; every refusal happens
 * here, before anything is written or queued. Limits: a field left out takes the lowered default of session-less
 * runs ({@code tandem.run.execute-time-ms}, {@code -memory-mb}); anything above the server's limit of the language
 * ({@code tandem.sandbox.*}) is clamped to it.
 *
 * <p>Several files (v1.1): {@code files} holds up to {@value FilePaths#MAX_FILES} files under the contract's path
 * rules ({@link FilePaths}); the first is the entry point and runs under the language's file name ({@code main.py},
 * {@code Main.java}, ...), the others keep their paths beside it. A bad or repeated path is {@code 400 BAD_PATH}
 * (also a later file that takes the entry point's name, or a file that is also another's folder); too many files or
 * too many bytes in all is {@code 413 TOO_LARGE}.
 */
@ApplicationScoped
public class ExecuteRequests {
    private final ExecuteConfig config;
    private final SandboxSettings sandbox;
    private final CallbackPolicy callbacks;

    @jakarta.inject.Inject
    public ExecuteRequests(ExecuteConfig config, SandboxConfig sandbox) {
        this(config, SandboxConfig.settings(sandbox));
    }

    ExecuteRequests(ExecuteConfig config, SandboxSettings sandbox) {
        this.config = config;
        this.sandbox = sandbox;
        this.callbacks = CallbackPolicy.of(config);
    }

    /** @throws RunRefused 400 (BAD_REQUEST, BAD_PATH, CALLBACK_NOT_ALLOWED) or 413 (TOO_LARGE) */
    public ExecuteSpec check(ExecuteBody body) {
        if (body == null) throw ExecuteRefusal.bad("a JSON body with \"language\" is required");
        sizes(body); // 413 before any 400 (the contract's order of statuses)
        if (body.language() == null || body.language().isBlank()) throw ExecuteRefusal.bad("\"language\" is required");
        Language language = Languages.find(body.language()).orElseThrow(() -> ExecuteRefusal.bad("unknown language '"
                + body.language() + "' (known: " + Languages.all().stream().map(Language::id).toList() + ")"));
        List<SourceFile> files = files(language, body);
        String stdin = body.stdin() == null ? "" : body.stdin();
        Limits limits = limits(language, body.limits());
        String callback = callbacks.check(body.callbackUrl()).map(Object::toString).orElse(null);
        return new ExecuteSpec(language, files, stdin, limits, callback);
    }

    private static void sizes(ExecuteBody body) {
        long program = utf8(body.source());
        if (body.files() != null) for (ExecuteBody.File f : body.files()) program += f == null ? 0 : utf8(f.content());
        if (body.files() != null && body.files().size() > FilePaths.MAX_FILES) {
            throw ExecuteRefusal.tooLarge("a run has at most " + FilePaths.MAX_FILES + " files");
        }
        if (program > DockerSandbox.MAX_SOURCE_BYTES) {
            throw ExecuteRefusal.tooLarge("the program is limited to " + DockerSandbox.MAX_SOURCE_BYTES + " bytes");
        }
        if (utf8(body.stdin()) > DockerSandbox.MAX_STDIN_BYTES) {
            throw ExecuteRefusal.tooLarge("stdin is limited to " + DockerSandbox.MAX_STDIN_BYTES + " bytes");
        }
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The program's files: {@code source} as the main file, or {@code files} with the first renamed to it. */
    private static List<SourceFile> files(Language language, ExecuteBody body) {
        List<ExecuteBody.File> files = body.files();
        if (files != null && body.source() != null) throw ExecuteRefusal.bad("give \"files\" or \"source\", not both");
        if (files == null) {
            if (body.source() == null) throw ExecuteRefusal.bad("\"source\" or \"files\" is required");
            return RunRequest.mainOnly(language, body.source());
        }
        if (files.isEmpty()) throw ExecuteRefusal.bad("\"files\" is empty; its first file is the entry point");
        List<SourceFile> program = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            ExecuteBody.File f = files.get(i);
            if (f == null) throw ExecuteRefusal.bad("files[" + i + "] is not a file {\"path\",\"content\"}");
            String bad = FilePaths.problem(f.path());
            if (bad != null) throw ExecuteRefusal.badPath("files[" + i + "].path: " + bad);
            if (f.content() == null) throw ExecuteRefusal.bad("files[" + i + "].content is required");
            // the entry point runs under the language's name; every other file keeps its path
            String path = i == 0 ? language.fileName() : f.path();
            for (int j = 0; j < program.size(); j++) {
                String other = program.get(j).path();
                if (path.equals(other)) {
                    throw ExecuteRefusal.badPath("files[" + i + "].path " + path + (j == 0
                            ? " is the entry point's name: the first file runs as " + other : " is given twice"));
                }
                if (ProgramPaths.clash(path, other)) {
                    throw ExecuteRefusal.badPath("files[" + i + "].path " + path + " and " + other
                            + " cannot both be files (one is the other's folder)");
                }
            }
            program.add(new SourceFile(path, 0, f.content()));
        }
        return program;
    }

    /** The server's limits of the language, lowered to the session-less defaults, then to what the run asks. */
    Limits limits(Language language, ExecuteBody.RequestedLimits asked) {
        Limits server = sandbox.limitsOf(language);
        long time = Math.min(config.executeTimeMs(), server.timeMs());
        long memory = Math.min(config.executeMemoryMb(), server.memoryMb());
        if (asked != null && asked.timeMs() != null) {
            if (asked.timeMs() < 100) throw ExecuteRefusal.bad("limits.timeMs must be at least 100");
            time = Math.min(asked.timeMs(), server.timeMs());
        }
        if (asked != null && asked.memoryMb() != null) {
            if (asked.memoryMb() < 16) throw ExecuteRefusal.bad("limits.memoryMb must be at least 16");
            memory = Math.min(asked.memoryMb(), server.memoryMb());
        }
        return server.withTimeMs(time).withMemoryMb((int) memory);
    }
}
