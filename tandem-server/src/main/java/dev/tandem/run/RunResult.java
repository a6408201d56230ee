package dev.tandem.run;

/**
 * The result of one run (the figures of the run record).
 *
 * @param outcome       how it ended
 * @param exitCode      the program's exit status (128+N when killed by signal N), the compiler's on
 *                      compile_error, the container's when the sandbox killed it; null when unknown
 * @param stdout        the program's standard output (at most the output cap)
 * @param stderr        the program's standard error (at most the output cap)
 * @param compileOutput the compiler's output (stdout and stderr merged), "" for interpreted languages
 * @param timeMs        wall time of the program run, compilation excluded
 * @param memoryKb      peak resident set size of the program (largest process), in KiB; null when unknown
 * @param truncated     whether some output was cut at the cap
 * @param message       a human readable explanation for internal_error (and the limit outcomes), or null
 */
public record RunResult(RunOutcome outcome, Integer exitCode, String stdout, String stderr, String compileOutput,
                        long timeMs, Long memoryKb, boolean truncated, String message) {

    public static RunResult internalError(String message) {
        return new RunResult(RunOutcome.INTERNAL_ERROR, null, "", "", "", 0, null, false, message);
    }
}
