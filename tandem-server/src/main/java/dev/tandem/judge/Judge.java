package dev.tandem.judge;

import dev.tandem.run.Language;
import dev.tandem.run.Limits;
import dev.tandem.run.RunRequest;
import dev.tandem.run.SourceFile;
import dev.tandem.run.sandbox.TestBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges one program against a problem's tests: compile once, run each test with the problem's limits
 * (in one container, {@link JudgeSandbox}), compare, and stop at the first failure unless told otherwise.
 * Plain Java; the queue's workers call it.
 *
 * <p>Of a hidden test only what a judge must publish leaves here: its verdict, and its time and memory rounded up
 * to {@value #HIDDEN_TIME_STEP_MS} ms and {@value #HIDDEN_MEMORY_STEP_KB} KiB. An exact exit code, time or memory
 * is a channel a program can shape to spell out its input, so a hidden test carries none of them.
 */
public final class Judge {
    /** Per-stream cap of a test's stdout. */
    public static final int OUTPUT_CAP = 4 * 1024 * 1024;
    /** How much of a visible test's input/expected/actual a result carries. */
    public static final int SHOWN_CHARS = 2000;
    /** Hidden tests' figures are rounded up to these steps. */
    public static final long HIDDEN_TIME_STEP_MS = 100;
    public static final long HIDDEN_MEMORY_STEP_KB = 4096;

    /**
     * One test's result. input/expected/actual only for visible (example) tests; null for hidden ones.
     * {@code exitCode}/{@code signal} for runtime errors.
     */
    public record TestResult(int index, Verdict verdict, long timeMs, Long memoryKb, boolean hidden, Integer exitCode,
                             Integer signal, String input, String expected, String actual, String message) {}

    public record Result(Verdict verdict, int passed, int total, long timeMs, Long memoryKb, Integer failedTest,
                         String compileOutput, String message, List<TestResult> tests) {}

    public interface Listener {
        void onTest(TestResult result);
    }

    private final JudgeSandbox sandbox;

    public Judge(JudgeSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public static Limits limits(Problem p) {
        return new Limits(p.timeLimitMs(), p.memoryMb(), 64, OUTPUT_CAP, 1.0);
    }

    /** A program of one file, the main file. */
    public Result judge(Problem problem, Language language, String source, String mode, boolean stopAtFirstFailure,
                        Listener listener) {
        return judge(problem, language, RunRequest.mainOnly(language, source), mode, stopAtFirstFailure, listener);
    }

    /** @param files the program, the main file (the entry point) first */
    public Result judge(Problem problem, Language language, List<SourceFile> files, String mode, boolean stopAtFirstFailure,
                        Listener listener) {
        List<Problem.TestCase> tests = problem.tests(mode);
        int examples = problem.examples().size();
        Limits limits = limits(problem);
        List<TestResult> results = new ArrayList<>();
        TestBatch.Outcome outcome = sandbox.runTests(language, files,
                tests.stream().map(Problem.TestCase::input).toList(), limits, run -> {
                    Problem.TestCase tc = tests.get(run.index());
                    TestResult r = verdict(problem, limits, run, tc, run.index() >= examples);
                    results.add(r);
                    if (listener != null) listener.onTest(r);
                    return r.verdict() == Verdict.ACCEPTED || !stopAtFirstFailure;
                });
        if (outcome.compileTimedOut()) {
            return new Result(Verdict.COMPILE_ERROR, 0, tests.size(), 0, null, null, outcome.compileOutput(),
                    "compilation took longer than its limit and was stopped", results);
        }
        if (outcome.compileError() != null) {
            return new Result(Verdict.COMPILE_ERROR, 0, tests.size(), 0, null, null, outcome.compileOutput(),
                    "compilation failed (exit " + outcome.compileError() + ")", results);
        }
        long time = 0;
        Long mem = null;
        int passed = 0;
        TestResult failed = null;
        for (TestResult r : results) {
            time = Math.max(time, r.timeMs());
            if (r.memoryKb() != null) mem = mem == null ? r.memoryKb() : Math.max(mem, r.memoryKb());
            if (r.verdict() == Verdict.ACCEPTED) passed++;
            else if (failed == null) failed = r;
        }
        if (failed != null) {
            return new Result(failed.verdict(), passed, tests.size(), time, mem, failed.index(), outcome.compileOutput(),
                    failed.message(), results);
        }
        if (outcome.internalError() != null || results.size() < tests.size()) {
            return new Result(Verdict.INTERNAL_ERROR, passed, tests.size(), time, mem, null, outcome.compileOutput(),
                    outcome.internalError() == null ? "not every test ran" : outcome.internalError(), results);
        }
        return new Result(Verdict.ACCEPTED, passed, tests.size(), time, mem, null, outcome.compileOutput(), null, results);
    }

    static TestResult verdict(Problem p, Limits limits, TestBatch.TestRun run, Problem.TestCase tc, boolean hidden) {
        Verdict v;
        Integer exit = null, signal = null;
        String message = null;
        String err = run.stderr();
        boolean outOfMemory = run.oomKills() > 0
                || (run.memoryKb() != null && run.memoryKb() > p.memoryMb() * 1024L)
                || (run.exitCode() != 0 && (err.contains("MemoryError") || err.contains("OutOfMemoryError")
                || err.contains("std::bad_alloc") || err.contains("out of memory")));
        if (run.outputExceeded()) {
            v = Verdict.OUTPUT_LIMIT_EXCEEDED;
            message = "output exceeded " + limits.outputBytes() + " bytes";
        } else if (outOfMemory) {
            v = Verdict.MEMORY_LIMIT_EXCEEDED;
            message = "memory limit " + p.memoryMb() + " MiB exceeded";
        } else if (run.timeMs() >= limits.timeMs()) {
            v = Verdict.TIME_LIMIT_EXCEEDED;
            message = "time limit " + limits.timeMs() + " ms exceeded";
        } else if (run.exitCode() != 0) {
            v = Verdict.RUNTIME_ERROR;
            exit = run.exitCode();
            if (exit > 128 && exit < 160) {
                signal = exit - 128;
                message = "killed by signal " + signal;
            } else {
                message = "exit code " + exit;
            }
        } else if (Checker.matches(p.comparison(), tc.output(), run.stdout())) {
            v = Verdict.ACCEPTED;
        } else {
            v = Verdict.WRONG_ANSWER;
        }
        if (hidden) {
            String fixed = v == Verdict.RUNTIME_ERROR ? "runtime error" : message;
            return new TestResult(run.index(), v, roundUp(Math.min(run.timeMs(), limits.timeMs()), HIDDEN_TIME_STEP_MS),
                    run.memoryKb() == null ? null : roundUp(run.memoryKb(), HIDDEN_MEMORY_STEP_KB), true, null, null,
                    null, null, null, fixed);
        }
        String stderrTail = v == Verdict.RUNTIME_ERROR && !err.isEmpty() ? cut(err) : null;
        return new TestResult(run.index(), v, run.timeMs(), run.memoryKb(), false, exit, signal, cut(tc.input()),
                cut(tc.output()), cut(run.stdout()), stderrTail == null ? message : message + ": " + stderrTail);
    }

    static long roundUp(long value, long step) {
        return value <= 0 ? 0 : ((value + step - 1) / step) * step;
    }

    static String cut(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "…";
    }
}
