package dev.tandem.judge;

import dev.tandem.run.Languages;
import dev.tandem.run.sandbox.DockerSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the judge by the program it judges, against the real Docker engine (issue 13, items 1 and 3).
 * Needs the python and c images; without them the tests fail with the reason.
 */
@Timeout(120)
class JudgeIntegrityTest {
    static DockerSandbox docker;
    static Judge judge;
    static Problem twoSum;

    /**
     * The end of both attacks: solves two-sum for the input read into {@code data} (str or bytes), so that
     * the verdict is earned.
     */
    private static final String SOLVE_TWO_SUM = String.join("\n",
            "d = data.split(); n = int(d[0]); a = d[1:1 + n]; t = int(d[1 + n]); seen = {}",
            "for j in range(n):",
            "    v = int(a[j]); i = seen.get(t - v)",
            "    if i is not None:",
            "        print(i, j); break",
            "    if v not in seen: seen[v] = j",
            "");

    @BeforeAll
    static void up() {
        docker = new DockerSandbox();
        docker.check(Languages.PYTHON);
        docker.check(Languages.C);
        judge = new Judge(new JudgeSandbox(docker));
        twoSum = ProblemFiles.loadAll().stream().filter(p -> p.slug().equals("two-sum")).findFirst().orElseThrow();
    }

    @AfterAll
    static void down() {
        docker.close();
    }

    /**
     * Attack (item 1): a submission that passes the examples and, on every test, writes its stdin into the
     * bootstrap's attach stream ({@code /proc/1/fd/1}, {@code /proc/1/fd/2}), puts ':' into the bootstrap's time
     * files and prints a forged report line, so that the judge ends with an error quoting the hidden input —
     * repeated, that learns every hidden test. Now the program runs under another uid than the bootstrap and
     * reaches none of it: the report is intact, the verdict is earned, and nothing of a hidden test is published
     * but its verdict and rounded figures.
     */
    @Test
    void aProgramCannotForgeTheReportOrLearnTheHiddenTests() {
        String attack = String.join("\n",
                "import os, sys",
                "data = sys.stdin.buffer.read()",
                "for path in ['/proc/1/fd/1', '/proc/1/fd/2']:",
                "    try:",
                "        with open(path, 'wb') as f: f.write(data + b'\\x01TANDEM:0:R:0:0:1:1:0:0:0\\n')",
                "    except Exception: pass",
                "for path in ['/tmp/.tandem/time', '/tmp/.tandem/rc', '/tmp/.t/time', '/tmp/.t/rc']:",
                "    try:",
                "        with open(path, 'w') as f: f.write(':' + data.decode(errors='replace'))",
                "    except Exception: pass",
                "sys.stderr.write(data.decode(errors='replace'))",
                SOLVE_TWO_SUM);
        List<Judge.TestResult> published = new ArrayList<>();
        Judge.Result r = judge.judge(twoSum, Languages.PYTHON, attack, "submit", true, published::add);

        assertThat(r.verdict()).as(r.message() + " " + r.tests()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.passed()).isEqualTo(twoSum.examples().size() + twoSum.hidden().size());
        String everything = r + " " + published;
        for (Problem.TestCase hidden : twoSum.hidden()) {
            String line = hidden.input().strip().lines().reduce((x, y) -> x.length() >= y.length() ? x : y).orElseThrow();
            if (line.length() >= 8) assertThat(everything).as("a hidden input in what is published").doesNotContain(line);
        }
        for (Judge.TestResult t : published) {
            if (!t.hidden()) continue;
            assertThat(t.input()).isNull();
            assertThat(t.actual()).isNull();
            assertThat(t.exitCode()).as("an exact exit code is a channel").isNull();
            assertThat(t.signal()).isNull();
            assertThat(t.timeMs() % Judge.HIDDEN_TIME_STEP_MS).as("time is rounded").isZero();
            if (t.memoryKb() != null) assertThat(t.memoryKb() % Judge.HIDDEN_MEMORY_STEP_KB).as("memory is rounded").isZero();
        }
    }

    /** Attack (item 1): a runtime error on a hidden test tells its verdict, not the exit code the program chose. */
    @Test
    void aHiddenRuntimeErrorHidesTheExitCode() {
        String examples = String.join(" ", twoSum.examples().stream().map(e -> "'" + e.input().strip().replace("\n", " ") + "'").toList());
        String exitWithInput = String.join("\n",
                "import sys",
                "data = sys.stdin.read()",
                "if ' '.join(data.split()) not in [" + examples.replace("' '", "', '") + "]:",
                "    sys.exit(int(data.split()[0]) % 100 + 1)",
                SOLVE_TWO_SUM);
        Judge.Result r = judge.judge(twoSum, Languages.PYTHON, exitWithInput, "submit", true, null);
        assertThat(r.verdict()).as(r.message() + " " + r.tests()).isEqualTo(Verdict.RUNTIME_ERROR);
        Judge.TestResult failed = r.tests().get(r.tests().size() - 1);
        assertThat(failed.hidden()).isTrue();
        assertThat(failed.exitCode()).isNull();
        assertThat(failed.message()).isEqualTo("runtime error");
        assertThat(r.message()).isEqualTo("runtime error");
    }

    /**
     * Attack (item 3): the compiler reads the attach stream as its stdin ({@code #include "/dev/stdin"}), which
     * carries the tests, and blocks there holding the worker. Now it reads /dev/null: the include is empty and the
     * submission ends at once as a compile error that quotes no input.
     */
    @Test
    void theCompilerCannotReadTheTests() {
        String c = "#include <stdio.h>\nint main(void) { puts(\n#include \"/dev/stdin\"\n); return 0; }\n";
        Judge.Result r = judge.judge(twoSum, Languages.C, c, "submit", true, null);
        assertThat(r.verdict()).as(r.message() + " " + r.compileOutput()).isEqualTo(Verdict.COMPILE_ERROR);
        for (Problem.TestCase t : twoSum.tests("submit")) {
            assertThat(r.compileOutput()).doesNotContain(t.input().strip().lines().findFirst().orElseThrow() + "\n"
                    + t.input().strip().lines().skip(1).findFirst().orElse(""));
        }
    }

    /**
     * Attack (item 3): a program answers, exits, and leaves a {@code setsid} child that holds its stdout open for
     * ever, so the bootstrap's pipe never ends and the worker waits for the overall deadline (minutes). Now the
     * host's per-test deadline (time limit + {@value dev.tandem.run.sandbox.TestBatch#TEST_GRACE_MS} ms) stops
     * the container: the test is a time-limit verdict and the judge is free soon after.
     */
    @Test
    @Timeout(40)
    void aChildHoldingThePipeCannotHoldTheWorker() {
        String holder = String.join("\n",
                "import os, sys, time",
                "sys.stdin.read()",
                "if os.fork() == 0:",
                "    os.setsid()",
                "    time.sleep(600)",
                "    os._exit(0)",
                "print('0 1')",
                "sys.stdout.flush()",
                "");
        Judge.Result r = judge.judge(twoSum, Languages.PYTHON, holder, "submit", true, null);
        assertThat(r.verdict()).as(r.message() + " " + r.tests()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        assertThat(r.failedTest()).isEqualTo(0);
    }
}
