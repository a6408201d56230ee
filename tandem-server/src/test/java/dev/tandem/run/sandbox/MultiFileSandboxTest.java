package dev.tandem.run.sandbox;

import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.Limits;
import dev.tandem.run.OutputListener;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunRequest;
import dev.tandem.run.RunResult;
import dev.tandem.run.SourceFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * v1.1 "Several files" in real containers, one per case: every language builds and runs a main file that uses its
 * siblings (in sub-folders too) the way that language's users expect (docs/runs.md, "Several files"); a compile
 * error in the second file names that file; the judge's batch takes siblings too; and paths that would leave /work
 * never reach a container.
 */
@Timeout(180)
class MultiFileSandboxTest {

    static DockerSandbox sandbox;

    @BeforeAll
    static void engineAndImages() {
        sandbox = SandboxSuite.open(Languages.all());
    }

    @AfterAll
    static void noContainerLeft() {
        SandboxSuite.closeLeavingNothing(sandbox);
    }

    /** A program of several files: path, content, path, content, ... (the main file first). */
    record Program(String id, String stdin, String expected, List<SourceFile> files) {
        static Program of(String id, String stdin, String expected, String... pathsAndContents) {
            List<SourceFile> files = new ArrayList<>();
            for (int i = 0; i < pathsAndContents.length; i += 2) {
                files.add(new SourceFile(pathsAndContents[i], 0, pathsAndContents[i + 1]));
            }
            return new Program(id, stdin, expected, List.copyOf(files));
        }

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

    static Stream<Program> programs() {
        return Stream.of(
                Program.of("python", "21\n", SAYS,
                        "main.py", "import util\nfrom lib import deep\n\nprint(util.says(), deep.twice(int(input())))\n",
                        "util.py", "def says():\n    return 'sibling says'\n",
                        "lib/deep.py", "def twice(n):\n    return n * 2\n"),
                Program.of("javascript", "", SAYS,
                        "main.js", "const util = require('./util');\nconst deep = require('./lib/deep');\n\nconsole.log(util.says(), deep.twice(21));\n",
                        "util.js", "module.exports = { says: () => 'sibling says' };\n",
                        "lib/deep.js", "exports.twice = n => n * 2;\n"),
                Program.of("java", "", SAYS,
                        "Main.java", "public class Main {\n  public static void main(String[] a) {\n"
                                + "    System.out.println(Util.says() + \" \" + lib.Deep.twice(21));\n  }\n}\n",
                        "Util.java", "class Util {\n  static String says() { return \"sibling says\"; }\n}\n",
                        "lib/Deep.java", "package lib;\n\npublic class Deep {\n  public static int twice(int n) { return n * 2; }\n}\n"),
                Program.of("c", "21", SAYS,
                        "main.c", "#include <stdio.h>\n#include \"util.h\"\n#include \"lib/deep.h\"\n\n"
                                + "int main(void) {\n  int n;\n  if (scanf(\"%d\", &n) != 1) return 1;\n"
                                + "  printf(\"%s %d\\n\", says(), twice(n));\n  return 0;\n}\n",
                        "util.h", "#ifndef UTIL_H\n#define UTIL_H\nconst char *says(void);\n#endif\n",
                        "util.c", "#include \"util.h\"\n\nconst char *says(void) { return \"sibling says\"; }\n",
                        "lib/deep.h", "int twice(int n);\n",
                        "lib/deep.c", "#include \"deep.h\"\n\nint twice(int n) { return n * 2; }\n"),
                Program.of("cpp", "", SAYS,
                        "main.cpp", "#include <iostream>\n#include \"util.hpp\"\n\nint main() { std::cout << says() << \" \" << twice(21) << std::endl; }\n",
                        "util.hpp", "#pragma once\n#include <string>\nstd::string says();\nint twice(int n);\n",
                        "util.cpp", "#include \"util.hpp\"\n\nstd::string says() { return \"sibling says\"; }\nint twice(int n) { return n * 2; }\n"),
                Program.of("go", "", SAYS,
                        "main.go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(says(), twice(21))\n}\n",
                        "util.go", "package main\n\nfunc says() string { return \"sibling says\" }\n\nfunc twice(n int) int { return n * 2 }\n"),
                Program.of("rust", "", SAYS,
                        "main.rs", "mod util;\n\nfn main() {\n    println!(\"{} {}\", util::says(), util::twice(21));\n}\n",
                        "util.rs", "pub fn says() -> &'static str {\n    \"sibling says\"\n}\n\npub fn twice(n: i32) -> i32 {\n    n * 2\n}\n"),
                Program.of("ruby", "", SAYS,
                        "main.rb", "require_relative 'util'\nrequire_relative 'lib/deep'\n\nputs \"#{says} #{twice(21)}\"\n",
                        "util.rb", "def says\n  'sibling says'\nend\n",
                        "lib/deep.rb", "def twice(n)\n  n * 2\nend\n"),
                Program.of("php", "", SAYS,
                        "main.php", "<?php\nrequire 'util.php';\nrequire __DIR__ . '/lib/deep.php';\n\necho says() . ' ' . twice(21) . \"\\n\";\n",
                        "util.php", "<?php\nfunction says() { return 'sibling says'; }\n",
                        "lib/deep.php", "<?php\nfunction twice($n) { return $n * 2; }\n"),
                Program.of("kotlin", "", SAYS,
                        "main.kt", "fun main() {\n    println(\"${says()} ${twice(21)}\")\n}\n",
                        "util.kt", "fun says() = \"sibling says\"\n\nfun twice(n: Int) = n * 2\n"),
                Program.of("typescript", "", SAYS,
                        "main.ts", "import { says } from \"./util\";\nimport { twice } from \"./lib/deep\";\n\nconsole.log(says(), twice(21));\n",
                        "util.ts", "export function says(): string {\n    return \"sibling says\";\n}\n",
                        "lib/deep.ts", "export const twice = (n: number): number => n * 2;\n"),
                Program.of("bash", "", SAYS,
                        "main.sh", "source ./util.sh\nsource lib/deep.sh\n\necho \"$(says) $(twice 21)\"\n",
                        "util.sh", "says() { echo 'sibling says'; }\n",
                        "lib/deep.sh", "twice() { echo $(( $1 * 2 )); }\n"));
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
        return Stream.of(
                Program.of("java", "", "Util.java:2",
                        "Main.java", "public class Main {\n  public static void main(String[] a) {\n    System.out.println(Util.says());\n  }\n}\n",
                        "Util.java", "class Util {\n  static String says() { return 42; }\n}\n"),
                Program.of("c", "", "util.c:3",
                        "main.c", "#include <stdio.h>\n#include \"util.h\"\n\nint main(void) { puts(says()); return 0; }\n",
                        "util.h", "const char *says(void);\n",
                        "util.c", "#include \"util.h\"\n\nconst char *says(void) { return nope; }\n"),
                Program.of("go", "", "util.go:3",
                        "main.go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(says())\n}\n",
                        "util.go", "package main\n\nfunc says() string { return nope }\n"));
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
                {List.of(main, new SourceFile("/etc/evil.py", 0, "")), "absolute"},
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
