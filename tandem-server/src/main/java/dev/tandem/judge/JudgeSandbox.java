package dev.tandem.judge;

import dev.tandem.run.Language;
import dev.tandem.run.Limits;
import dev.tandem.run.SourceFile;
import dev.tandem.run.sandbox.DockerSandbox;
import dev.tandem.run.sandbox.TestBatch;

import java.util.List;

/**
 * The judge's side of the sandbox: which container limits a problem gets. Running the tests is
 * {@link DockerSandbox#runTests} ({@link TestBatch}): {@code run.sandbox} is the only code that talks to Docker.
 */
public final class JudgeSandbox {

    private final DockerSandbox sandbox;

    public JudgeSandbox(DockerSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The container's limits: the language's (compilers need them) but at least the problem's memory plus room for the test files. */
    public static Limits containerLimits(Language lang, Limits problem) {
        return containerLimits(lang.defaultLimits(), problem);
    }

    static Limits containerLimits(Limits d, Limits problem) {
        return new Limits(problem.timeMs(), Math.max(d.memoryMb(), problem.memoryMb() + 64), d.pids(),
                problem.outputBytes(), d.cpus());
    }

    /** @param files the program, the main file first (the user's main file and its siblings) */
    public TestBatch.Outcome runTests(Language lang, List<SourceFile> files, List<String> inputs, Limits limits,
                                      TestBatch.TestListener listener) {
        return sandbox.runTests(lang, files, inputs, limits, containerLimits(sandbox.limitsOf(lang), limits), listener);
    }
}
