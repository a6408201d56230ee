package dev.tandem.run.execute;

import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.Limits;
import dev.tandem.run.RunRefused;
import dev.tandem.run.sandbox.DockerSandbox;
import dev.tandem.run.sandbox.SandboxConfig;
import dev.tandem.run.sandbox.SandboxSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the body of a run without a session and turns it into an {@link ExecuteSpec}; every refusal happens
 * here, before anything is written or queued. Limits: a field left out takes the lowered default of session-less
 * runs ({@code tandem.run.execute-time-ms}, {@code -memory-mb}); anything above the server's limit of the language
 * ({@code tandem.sandbox.*}) is clamped to it.
 *
 * <p>Several files: the sandbox writes one source file per run (the {@code files} feature, which would give it
 * several, is not built yet), so {@code files} may hold one entry; it is the entry point and runs under the
 * language's file name ({@code main.py}, {@code Main.java}, ...). More entries are refused with a clear 400.
 */
@ApplicationScoped
public class ExecuteRequests {
    static final Pattern PATH_PART = Pattern.compile("[A-Za-z0-9._-]{1,64}");

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

    /** @throws RunRefused 400 (BAD_REQUEST, CALLBACK_NOT_ALLOWED) or 413 (TOO_LARGE) */
    public ExecuteSpec check(ExecuteBody body) {
        if (body == null) throw ExecuteRefusal.bad("a JSON body with \"language\" is required");
        sizes(body); // 413 before any 400 (the contract's order of statuses)
        if (body.language() == null || body.language().isBlank()) throw ExecuteRefusal.bad("\"language\" is required");
        Language language = Languages.find(body.language()).orElseThrow(() -> ExecuteRefusal.bad("unknown language '"
                + body.language() + "' (known: " + Languages.all().stream().map(Language::id).toList() + ")"));
        String source = source(body);
        String stdin = body.stdin() == null ? "" : body.stdin();
        Limits limits = limits(language, body.limits());
        String callback = callbacks.check(body.callbackUrl()).map(Object::toString).orElse(null);
        return new ExecuteSpec(language, source, stdin, limits, callback);
    }

    private static void sizes(ExecuteBody body) {
        long program = utf8(body.source());
        if (body.files() != null) for (ExecuteBody.File f : body.files()) program += f == null ? 0 : utf8(f.content());
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

    private static String source(ExecuteBody body) {
        List<ExecuteBody.File> files = body.files();
        if (files != null && body.source() != null) throw ExecuteRefusal.bad("give \"files\" or \"source\", not both");
        if (files == null) {
            if (body.source() == null) throw ExecuteRefusal.bad("\"source\" or \"files\" is required");
            return body.source();
        }
        if (files.isEmpty()) throw ExecuteRefusal.bad("\"files\" is empty; its first file is the entry point");
        if (files.size() > 1) {
            throw ExecuteRefusal.bad("this server runs one file per run: \"files\" may hold only the entry point "
                    + "(several files need the feature \"files\", not served yet)");
        }
        ExecuteBody.File entry = files.get(0);
        if (entry == null || entry.path() == null || !validPath(entry.path())) {
            throw ExecuteRefusal.bad("files[0].path must be a relative path of parts [A-Za-z0-9._-]{1,64}, at most 256 characters");
        }
        if (entry.content() == null) throw ExecuteRefusal.bad("files[0].content is required");
        return entry.content();
    }

    static boolean validPath(String path) {
        if (path.isEmpty() || path.length() > 256) return false;
        for (String part : path.split("/", -1)) {
            if (!PATH_PART.matcher(part).matches() || part.equals(".") || part.equals("..")) return false;
        }
        return true;
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
