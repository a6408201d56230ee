package dev.tandem.judge;

import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.sandbox.DockerSandbox;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Submission latency of a 20-test problem (fizzbuzz) through {@link Judge} (one container: compile once, run
 * the 20 tests) against the same tests run with bare {@code docker run --rm -i} (one container per test,
 * sequential, same image; compiled languages compile in each container, as a naive judge would). Checks the
 * outputs in both cases. Usage: JudgeBench [rounds] [lang...] (default 3 python cpp); prints Markdown.
 */
public final class JudgeBench {
    static final Map<String, String> BARE = Map.of(
            "python", "cat > /tmp/main.py && python3 /tmp/main.py < /tmp/in",
            "cpp", "cd /tmp && cat > main.cpp && g++ -O2 -std=gnu++17 -o main main.cpp && ./main < in",
            "java", "cd /tmp && cat > Main.java && javac Main.java && java -cp /tmp Main < in");

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> langs = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("python", "cpp");
        Problem p = ProblemFiles.load("fizzbuzz");
        List<Problem.TestCase> tests = p.tests("submit");
        System.out.println("| language | tests | Tandem judge (median of " + rounds + ") | bare docker run ×" + tests.size()
                + " (median) | ratio |");
        System.out.println("|---|---|---|---|---|");
        try (DockerSandbox docker = new DockerSandbox()) {
            Judge judge = new Judge(new JudgeSandbox(docker));
            for (String id : langs) {
                Language lang = Languages.byId(id);
                String src = p.solutions().get(id);
                List<Double> j = new ArrayList<>(), b = new ArrayList<>();
                judgeOnce(judge, p, lang, src); // warm-up
                for (int r = 0; r < rounds; r++) {
                    j.add(judgeOnce(judge, p, lang, src));
                    b.add(bareOnce(lang, src, tests, p));
                }
                double jm = median(j), bm = median(b);
                System.out.printf("| %s | %d | %.0f ms | %.0f ms | %.2f |%n", id, tests.size(), jm, bm, jm / bm);
            }
        }
    }

    static double judgeOnce(Judge judge, Problem p, Language lang, String src) {
        long t0 = System.nanoTime();
        Judge.Result r = judge.judge(p, lang, src, "submit", true, null);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.verdict() != Verdict.ACCEPTED) throw new IllegalStateException("judge: " + r);
        return ms;
    }

    /** docker run per test: the source and the input are copied in over stdin (source, then a separator file). */
    static double bareOnce(Language lang, String src, List<Problem.TestCase> tests, Problem p) throws Exception {
        long t0 = System.nanoTime();
        for (Problem.TestCase tc : tests) {
            Path in = Files.createTempFile("judge-bench", ".in");
            Files.writeString(in, tc.input());
            try {
                // the input goes in as a second stdin section: write it to /tmp/in first with head -c
                byte[] inBytes = tc.input().getBytes(StandardCharsets.UTF_8);
                String cmd = "head -c " + inBytes.length + " > /tmp/in && " + BARE.get(lang.id());
                ProcessBuilder pb = new ProcessBuilder("docker", "run", "--rm", "-i", "--network", "none",
                        "--memory", (p.memoryMb() + 64) + "m", lang.image(), "sh", "-c", cmd);
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                Process proc = pb.start();
                proc.getOutputStream().write(inBytes);
                proc.getOutputStream().write(src.getBytes(StandardCharsets.UTF_8));
                proc.getOutputStream().close();
                String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (proc.waitFor() != 0 || !Checker.matches(p.comparison(), tc.output(), out)) {
                    throw new IllegalStateException("bare docker run failed or answered wrong");
                }
            } finally {
                new File(in.toString()).delete();
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
