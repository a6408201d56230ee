package dev.tandem.judge;

import java.util.List;
import java.util.Map;

/** What {@code GET /api/problems/{slug}} answers: everything but the hidden tests and the solutions. */
public record ProblemView(String slug, String title, String difficulty, long timeLimitMs, int memoryMb,
                          Problem.Comparison comparison, String statement, Map<String, String> starter,
                          List<Problem.TestCase> examples, int hiddenTests) {

    public record Summary(String slug, String title, String difficulty) {}

    public static ProblemView of(Problem p) {
        return new ProblemView(p.slug(), p.title(), p.difficulty(), p.timeLimitMs(), p.memoryMb(), p.comparison(),
                p.statement(), p.starter(), p.examples(), p.hidden().size());
    }
}
