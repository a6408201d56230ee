package dev.tandem.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads problems from the classpath ({@code problems/index.txt}, then {@code problems/<slug>/...}; docs/problems.md). */
public final class ProblemFiles {
    public static final Map<String, String> EXTENSIONS = Map.of("python", "py", "javascript", "js", "java", "java",
            "c", "c", "cpp", "cpp", "go", "go");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProblemFiles() {
    }

    public static List<Problem> loadAll() {
        String index = read("problems/index.txt");
        if (index == null) return List.of();
        List<Problem> all = new ArrayList<>();
        for (String line : index.split("\n")) {
            String slug = line.strip();
            if (!slug.isEmpty() && !slug.startsWith("#")) all.add(load(slug));
        }
        return all;
    }

    public static Problem load(String slug) {
        String base = "problems/" + slug + "/";
        try {
            String metaText = read(base + "problem.json");
            if (metaText == null) throw new IllegalStateException("problem " + slug + ": no problem.json");
            JsonNode meta = MAPPER.readTree(metaText);
            JsonNode cmp = meta.path("comparison");
            Problem.Comparison comparison = new Problem.Comparison(cmp.path("mode").asText("whitespace"),
                    cmp.path("tolerance").asDouble(1e-6));
            Map<String, String> starter = new LinkedHashMap<>();
            Map<String, String> solutions = new LinkedHashMap<>();
            for (String lang : List.of("python", "javascript", "java", "c", "cpp", "go")) {
                String s = read(base + "starter/" + lang + "." + EXTENSIONS.get(lang));
                if (s != null) starter.put(lang, s);
                String sol = read(base + "solutions/" + lang + "." + EXTENSIONS.get(lang));
                if (sol != null) solutions.put(lang, sol);
            }
            String statement = read(base + "statement.md");
            return new Problem(meta.path("slug").asText(slug), meta.path("title").asText(slug),
                    meta.path("difficulty").asText("easy"), meta.path("timeLimitMs").asLong(2000),
                    meta.path("memoryMb").asInt(256), comparison, statement == null ? "" : statement, starter,
                    tests(base + "tests/examples/"), tests(base + "tests/hidden/"), solutions);
        } catch (IOException e) {
            throw new IllegalStateException("problem " + slug + ": " + e.getMessage(), e);
        }
    }

    private static List<Problem.TestCase> tests(String dir) {
        List<Problem.TestCase> tests = new ArrayList<>();
        for (int i = 1; ; i++) {
            String name = String.format("%02d", i);
            String in = read(dir + name + ".in");
            if (in == null) break;
            String out = read(dir + name + ".out");
            if (out == null) throw new IllegalStateException(dir + name + ".in has no .out");
            tests.add(new Problem.TestCase(in, out));
        }
        return tests;
    }

    static String read(String path) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null) cl = ProblemFiles.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("reading " + path + ": " + e.getMessage(), e);
        }
    }
}
