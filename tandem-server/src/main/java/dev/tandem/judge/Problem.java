package dev.tandem.judge;

import java.util.List;
import java.util.Map;

/**
 * A problem of docs/problems.md. {@code hidden} tests never leave the server: {@link ProblemView} is what
 * clients see.
 */
public record Problem(String slug, String title, String difficulty, long timeLimitMs, int memoryMb,
                      Comparison comparison, String statement, Map<String, String> starter,
                      List<TestCase> examples, List<TestCase> hidden, Map<String, String> solutions) {

    /** {@code mode}: exact | whitespace | float (with {@code tolerance}, absolute or relative). */
    public record Comparison(String mode, double tolerance) {}

    public record TestCase(String input, String output) {}

    /** The tests a mode runs: examples only, or examples then hidden ones. */
    public List<TestCase> tests(String mode) {
        if ("examples".equals(mode)) return examples;
        java.util.ArrayList<TestCase> all = new java.util.ArrayList<>(examples);
        all.addAll(hidden);
        return all;
    }
}
