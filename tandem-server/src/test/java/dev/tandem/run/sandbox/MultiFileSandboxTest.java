package dev.tandem.run.sandbox;

import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.Limits;
import dev.tandem.run.OutputListener;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunRequest;
import dev.tandem.run.RunResult;
import dev.tandem.run.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * v1.1 "Several files" in real containers, one per case: every language builds and runs a main file that uses its
 * siblings (in sub-folders too; the programs are files under src/test/resources/several-files/) the way that language's users expect (docs/runs.md, "Several files"); a compile
 * error in the second file names that file; the judge's batch takes siblings too; and paths that would leave /work
 * never reach a container.
 */
@Timeout(180)
class MultiFileSandboxTest {

    static DockerSandbox sandbox;

    @RegisterExtension
    static final SandboxSuite SUITE = new SandboxSuite(Languages::all, opened -> sandbox = opened);

    /** A program of several files (the main file first), what it reads and what it must answer. */
    record Program(String id, String stdin, String expected, List<SourceFile> files) {
        Language lang() {
            return Languages.byId(id);
        }

        RunResult run() {
            return sandbox.run(new RunRequest(lang(), files, stdin, null), OutputListener.NONE);
        }

        @Override
        public String toString() {
            return id + " " + files.stream().map(SourceFile::path).toList();
        }
    }

    static final String SAYS = "sibling says 42\n";
    /** The programs that read a number (the rest use a constant): stdin follows the files on the attach stream. */
    static final Map<String, String> STDIN = Map.of("python", "21\n", "c", "21");

    /**
     * The programs in src/test/resources/several-files/&lt;kind&gt;/&lt;language&gt;/, as a session holds them: the
     * language's main file first, then the others by path (sub-folders too).
     */
    static Stream<Program> load(String kind, Function<String, String> expected) {
        try {
            Path root = Path.of(MultiFileSandboxTest.class.getResource("/several-files/" + kind).toURI());
            List<Program> programs = new ArrayList<>();
            try (Stream<Path> folders = Files.list(root)) {
                for (Path folder : folders.sorted().toList()) {
                    String id = folder.getFileName().toString();
                    String main = Languages.byId(id).fileName();
                    List<SourceFile> files = new ArrayList<>();
                    try (Stream<Path> all = Files.walk(folder)) {
                        for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
                            String path = folder.relativize(f).toString().replace('\\', '/');
                            files.add(path.equals(main) ? 0 : files.size(), new SourceFile(path, 0, Files.readString(f)));
                        }
                    }
                    assertThat(files.get(0).path()).as("%s has its main file", folder).isEqualTo(main);
                    programs.add(new Program(id, STDIN.getOrDefault(id, ""), expected.apply(id), List.copyOf(files)));
                }
            }
            return programs.stream();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the test programs", e);
        }
    }

    static Stream<Program> programs() {
        return load("runs", id -> SAYS);
    }

    @Test
    void everyLanguageHasACase() {
        assertThat(programs().map(Program::id)).containsExactlyInAnyOrderElementsOf(
                Languages.all().stream().map(Language::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void theMainFileUsesItsSiblings(Program p) {
        RunResult r = p.run();
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(r.stdout()).isEqualTo(p.expected());
        assertThat(r.stderr()).isEmpty();
    }

    /** An interactive run (v1.1 "Interactive runs") has the same files: written and compiled before stdin flows. */
    @Test
    void anInteractiveRunBuildsTheSameFiles() {
        Program c = programs().filter(p -> p.id().equals("c")).findFirst().orElseThrow();
        RunControl control = RunControl.interactive(c.stdin(), 30_000, 10_000);
        control.eof();
        RunResult r = sandbox.run(new RunRequest(c.lang(), c.files(), "", null), OutputListener.NONE, control);
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(r.stdout()).isEqualTo(c.expected());
    }

    /** The second file does not compile: the compiler's output names it (and the line), so the user knows where. */
    static Stream<Program> brokenSecondFile() {
        Map<String, String> where = Map.of("java", "Util.java:2", "c", "util.c:3", "go", "util.go:3");
        return load("compile-errors", where::get);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSecondFile")
    void aCompileErrorInTheSecondFileNamesIt(Program p) {
        RunResult r = p.run();
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.COMPILE_ERROR);
        assertThat(r.compileOutput()).as("names the second file and its line").contains(p.expected());
        assertThat(r.stdout()).isEmpty();
    }

    /** The judge compiles once and runs each test: the program's siblings are built with it. */
    @Test
    void theJudgesBatchBuildsTheSiblingsToo() {
        Language c = Languages.C;
        List<SourceFile> files = List.of(
                new SourceFile("main.c", 3, "#include <stdio.h>\n#include \"add.h\"\n\n"
                        + "int main(void) { int a, b; if (scanf(\"%d %d\", &a, &b) != 2) return 1; printf(\"%d\\n\", add(a, b)); return 0; }\n"),
                new SourceFile("add.h", 1, "int add(int a, int b);\n"),
                new SourceFile("add.c", 2, "#include \"add.h\"\n\nint add(int a, int b) { return a + b; }\n"));
        List<TestBatch.TestRun> runs = new ArrayList<>();
        Limits limits = new Limits(2_000, 128, 64, 65_536, 1.0);
        TestBatch.Outcome outcome = sandbox.runTests(c, files, List.of("1 2\n", "40 2\n"), limits, sandbox.limitsOf(c), runs::add);
        assertThat(outcome.internalError()).isNull();
        assertThat(outcome.compileError()).as(outcome.compileOutput()).isNull();
        assertThat(runs).extracting(TestBatch.TestRun::exitCode).containsExactly(0, 0);
        assertThat(runs).extracting(TestBatch.TestRun::stdout).containsExactly("3\n", "42\n");
    }

    /** Paths are checked where a job comes in; the sandbox checks again and never writes a path that leaves /work. */
    @Test
    void filesThatCouldLeaveTheWorkDirectoryNeverReachAContainer() {
        SourceFile main = new SourceFile("main.py", 0, "print(1)\n");
        Object[][] refused = {
                {List.of(main, new SourceFile("../evil.py", 0, "")), "'..'"},
                {List.of(main, new SourceFile("/etc/evil.py", 0, "")), "leading"},
                {List.of(main, new SourceFile("lib//x.py", 0, "")), "empty"},
                {List.of(main, new SourceFile("main.py", 0, "")), "twice"},
                {List.of(main, new SourceFile("lib", 0, ""), new SourceFile("lib/x.py", 0, "")), "folder"},
                {List.of(new SourceFile("util.py", 0, "")), "entry point must be main.py"},
                {List.of(main, new SourceFile("big.py", 0, "#" + "x".repeat(DockerSandbox.MAX_SOURCE_BYTES))), "larger than"},
        };
        for (Object[] c : refused) {
            @SuppressWarnings("unchecked") List<SourceFile> files = (List<SourceFile>) c[0];
            RunResult r = sandbox.run(new RunRequest(Languages.PYTHON, files, "", null), OutputListener.NONE);
            assertThat(r.outcome()).as("%s", files).isEqualTo(RunOutcome.INTERNAL_ERROR);
            assertThat(r.message()).as("%s", files).contains((String) c[1]);
        }
    }
}
