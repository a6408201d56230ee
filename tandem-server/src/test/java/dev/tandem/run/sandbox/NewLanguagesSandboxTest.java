package dev.tandem.run.sandbox;

import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.OutputListener;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunRequest;
import dev.tandem.run.RunResult;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The languages that exist only as data (sandbox-images/&lt;id&gt;/language.json, no Java constant): hello world,
 * stdin, runtime error and compile error in real containers, as {@link DockerSandboxTest} does for the first six,
 * and that the interpreters hand output over as it is written (interactive runs rely on it).
 */
@Timeout(180)
class NewLanguagesSandboxTest {

    static DockerSandbox sandbox;

    @RegisterExtension
    static final SandboxSuite SUITE = new SandboxSuite(() -> all().map(Programs::lang).toList(), opened -> sandbox = opened);

    /** A program printing "first", waiting a second, then printing "second" (null: not an interpreter we tuned). */
    record Programs(String id, String hello, String echo, String runtimeError, String compileError, String twoLines) {
        Language lang() {
            return Languages.byId(id);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    static final List<Programs> PROGRAMS = List.of(
            new Programs("rust",
                    "fn main() {\n    println!(\"hello, world\");\n}\n",
                    "use std::io::{self, Read, Write};\n\nfn main() {\n    let mut s = String::new();\n"
                            + "    io::stdin().read_to_string(&mut s).unwrap();\n    io::stdout().write_all(s.as_bytes()).unwrap();\n}\n",
                    "fn main() {\n    println!(\"before\");\n    panic!(\"boom\");\n}\n",
                    "fn main() {\n    let x: i32 = \"nope\";\n}\n",
                    null),
            new Programs("ruby",
                    "puts \"hello, world\"\n",
                    "$stdout.write($stdin.read)\n",
                    "puts \"before\"\nraise \"boom\"\n",
                    null,
                    "puts \"first\"\nsleep 1.2\nputs \"second\"\n"),
            new Programs("php",
                    "<?php\necho \"hello, world\\n\";\n",
                    "<?php\necho stream_get_contents(STDIN);\n",
                    "<?php\necho \"before\\n\";\nthrow new Exception(\"boom\");\n",
                    null,
                    "<?php\necho \"first\\n\";\nusleep(1200000);\necho \"second\\n\";\n"),
            new Programs("kotlin",
                    "fun main() {\n    println(\"hello, world\")\n}\n",
                    "fun main() {\n    System.out.write(System.`in`.readBytes())\n    System.out.flush()\n}\n",
                    "fun main() {\n    println(\"before\")\n    throw IllegalStateException(\"boom\")\n}\n",
                    "fun main() {\n    val x: Int = \"nope\"\n}\n",
                    null),
            new Programs("typescript",
                    "const greeting: string = \"hello, world\";\nconsole.log(greeting);\n",
                    "import * as fs from \"fs\";\n\nprocess.stdout.write(fs.readFileSync(0, \"utf8\"));\n",
                    "console.log(\"before\");\nthrow new Error(\"boom\");\n",
                    "const x: number = \"nope\";\nconsole.log(x);\n",
                    null),
            new Programs("bash",
                    "echo \"hello, world\"\n",
                    "cat\n",
                    "echo before\nno_such_command_here\n",
                    null,
                    "echo first\nsleep 1.2\necho second\n"));

    static Stream<Programs> all() {
        return PROGRAMS.stream();
    }

    static Stream<Programs> compiled() {
        return PROGRAMS.stream().filter(p -> p.compileError() != null);
    }

    static Stream<Programs> interpreted() {
        return PROGRAMS.stream().filter(p -> p.twoLines() != null);
    }

    static RunResult run(Language l, String src, String stdin) {
        return sandbox.run(new RunRequest(l, src, stdin), OutputListener.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void helloWorld(Programs p) {
        List<String> chunks = Collections.synchronizedList(new ArrayList<>());
        List<String> streams = Collections.synchronizedList(new ArrayList<>());
        RunResult r = sandbox.run(new RunRequest(p.lang(), p.hello(), ""), (s, c) -> {
            streams.add(s);
            chunks.add(c);
        });
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("hello, world\n");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.memoryKb()).isNotNull().isPositive();
        assertThat(String.join("", chunks)).isEqualTo("hello, world\n");
        assertThat(streams).containsOnly("stdout");
        assertThat(p.lang().compiled()).isEqualTo(p.compileError() != null);
        if (p.lang().compiled()) assertThat(r.compileOutput()).doesNotContainIgnoringCase("error");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void stdinEcho(Programs p) {
        String input = "line one\nzweite Zeile ü ✓\n\nlast line without newline";
        RunResult r = run(p.lang(), p.echo(), input);
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(r.stdout()).isEqualTo(input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void runtimeError(Programs p) {
        RunResult r = run(p.lang(), p.runtimeError(), "");
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.RUNTIME_ERROR);
        assertThat(r.exitCode()).isNotNull().isNotZero();
        assertThat(r.stdout()).isEqualTo("before\n");
        assertThat(r.stderr()).as("the error is explained on stderr").containsAnyOf("boom", "no_such_command_here");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compiled")
    void compileError(Programs p) {
        RunResult r = run(p.lang(), p.compileError(), "");
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.COMPILE_ERROR);
        assertThat(r.exitCode()).isNotNull().isNotZero();
        assertThat(r.compileOutput()).as("names the file").contains(p.lang().fileName());
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.compileOutput()).doesNotContain("TANDEM");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreted")
    void outputArrivesAsItIsWritten(Programs p) {
        long[] firstAt = {0};
        StringBuilder seen = new StringBuilder();
        RunResult r = sandbox.run(new RunRequest(p.lang(), p.twoLines(), ""), (s, c) -> {
            synchronized (seen) {
                seen.append(c);
                if (firstAt[0] == 0 && seen.toString().equals("first\n")) firstAt[0] = System.nanoTime();
            }
        });
        long returnedAt = System.nanoTime();
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(seen.toString()).isEqualTo("first\nsecond\n");
        assertThat(firstAt[0]).as("first line delivered on its own, before the program printed the second").isNotZero();
        assertThat((returnedAt - firstAt[0]) / 1_000_000).as("ms between the first line and the end of the run")
                .isGreaterThanOrEqualTo(800);
    }
}
