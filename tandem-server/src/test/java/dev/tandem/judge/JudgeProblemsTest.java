package dev.tandem.judge;

import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.sandbox.DockerSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the real Docker engine: every reference solution of every problem is accepted, and deliberately
 * bad programs (from templates) get exactly their verdict on every problem.
 */
class JudgeProblemsTest {
    static DockerSandbox docker;
    static Judge judge;
    static final List<Problem> PROBLEMS = ProblemFiles.loadAll();

    @BeforeAll
    static void up() {
        docker = new DockerSandbox();
        for (String l : List.of("python", "java", "cpp")) docker.check(Languages.byId(l));
        judge = new Judge(new JudgeSandbox(docker));
    }

    @AfterAll
    static void down() {
        docker.close();
    }

    @Test
    void twelveProblemsWithTestsAndSolutions() {
        assertThat(PROBLEMS).hasSizeGreaterThanOrEqualTo(12);
        for (Problem p : PROBLEMS) {
            assertThat(p.examples()).as(p.slug()).isNotEmpty();
            assertThat(p.examples().size() + p.hidden().size()).as(p.slug()).isBetween(8, 20);
            assertThat(p.solutions().keySet()).as(p.slug()).contains("python", "java", "cpp");
            assertThat(p.starter().keySet()).as(p.slug()).containsExactlyInAnyOrder("python", "javascript", "java", "c", "cpp", "go");
        }
    }

    static Stream<Arguments> solutions() {
        List<Arguments> all = new ArrayList<>();
        for (Problem p : PROBLEMS) for (String lang : p.solutions().keySet()) all.add(Arguments.of(p.slug(), lang));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("solutions")
    void referenceSolutionIsAccepted(String slug, String lang) {
        Problem p = problem(slug);
        List<Judge.TestResult> seen = new ArrayList<>();
        Judge.Result r = judge.judge(p, Languages.byId(lang), p.solutions().get(lang), "submit", true, seen::add);
        assertThat(r.verdict()).as(slug + " " + lang + ": " + r.message() + " " + r.compileOutput() + " " + r.tests())
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(r.passed()).isEqualTo(p.examples().size() + p.hidden().size());
        assertThat(seen).hasSize(r.total());
        assertThat(r.timeMs()).isLessThan(p.timeLimitMs());
    }

    /** Bad programs: {kind, language, source, verdict}. */
    static final Map<String, Object[]> BAD = Map.of(
            "wrong", new Object[]{"python", "import sys\nsys.stdin.read()\nprint('tandem-wrong-42')\n", Verdict.WRONG_ANSWER},
            "slow", new Object[]{"python", "import sys\nsys.stdin.read()\nwhile True:\n    pass\n", Verdict.TIME_LIMIT_EXCEEDED},
            "crash", new Object[]{"cpp", "#include <cstdio>\nint main() { volatile int *p = nullptr; *p = 1; return 0; }\n", Verdict.RUNTIME_ERROR},
            "memory", new Object[]{"python", "import sys\nsys.stdin.read()\nx = bytearray(1 << 30)\nprint(len(x))\n", Verdict.MEMORY_LIMIT_EXCEEDED},
            "noncompiling", new Object[]{"cpp", "#include <cstdio>\nint main() { this is not C++ }\n", Verdict.COMPILE_ERROR});

    /**
     * Every bad program on every problem, judged two at a time (each in a container of its own with its own
     * limits: a slow program is stopped at its problem's time limit whatever runs beside it), then checked one
     * by one as its own test. One after the other they took a minute, most of it the twelve time-limit cases.
     */
    @TestFactory
    Stream<DynamicTest> badProgramGetsItsVerdict() {
        ExecutorService judging = Executors.newFixedThreadPool(2);
        List<DynamicTest> checks = new ArrayList<>();
        for (Problem p : PROBLEMS) {
            for (String kind : List.of("wrong", "slow", "crash", "memory", "noncompiling")) {
                Object[] bad = BAD.get(kind);
                Language lang = Languages.byId((String) bad[0]);
                Future<Judge.Result> judged = judging.submit(() -> judge.judge(p, lang, (String) bad[1], "submit", true, null));
                checks.add(DynamicTest.dynamicTest(p.slug() + " " + kind, () -> checkBad(p.slug(), kind, judged.get(2, TimeUnit.MINUTES))));
            }
        }
        judging.shutdown(); // the judgements already submitted go on
        return checks.stream();
    }

    private static void checkBad(String slug, String kind, Judge.Result r) {
        Object[] bad = BAD.get(kind);
        assertThat(r.verdict()).as(slug + " " + kind + ": " + r.message() + " " + r.tests()).isEqualTo(bad[2]);
        if (r.verdict() != Verdict.COMPILE_ERROR) {
            assertThat(r.failedTest()).isEqualTo(0);
            assertThat(r.tests()).hasSize(1); // stopped at the first failure
        } else {
            assertThat(r.compileOutput()).contains("error");
        }
        if (kind.equals("crash")) assertThat(r.tests().get(0).signal()).isEqualTo(11);
    }

    /** A program that hunts for the hidden tests while an example runs finds nothing of them. */
    @Test
    void hiddenInputsAreNotInTheContainerWhileExamplesRun() {
        Problem p = problem("reverse-string");
        String snoop = String.join("\n",
                "import os, sys, glob, fcntl",
                "out = [sys.stdin.read()]",
                "for f in glob.glob('/tmp/**', recursive=True) + glob.glob('/tmp/.t/*') + glob.glob('/work/*'):",
                "    try: out.append(open(f, errors='replace').read())",
                "    except Exception as e: out.append(str(e))",
                "try:",
                "    fd = os.open('/proc/1/fd/0', os.O_RDONLY | os.O_NONBLOCK)",
                "    out.append(os.read(fd, 1 << 20).decode(errors='replace'))",
                "except Exception as e: out.append(str(e))",
                "print('\\n'.join(out))", "");
        Judge.Result r = judge.judge(p, Languages.PYTHON, snoop, "submit", false, null);
        String shown = r.tests().stream().filter(t -> !t.hidden()).map(t -> t.actual() + t.message()).reduce("", String::concat)
                + r.compileOutput() + r.message();
        assertThat(r.tests()).hasSize(p.examples().size() + p.hidden().size());
        for (Problem.TestCase t : p.hidden()) {
            if (t.input().length() >= 40) assertThat(shown).doesNotContain(t.input().substring(5, 35));
        }
        assertThat(r.tests().get(0).actual()).contains("hello"); // it did read its own input
    }

    static Problem problem(String slug) {
        return PROBLEMS.stream().filter(p -> p.slug().equals(slug)).findFirst().orElseThrow();
    }
}
