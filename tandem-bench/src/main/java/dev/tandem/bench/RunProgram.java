package dev.tandem.bench;

import java.util.Map;

/**
 * The program the run mode runs: a hello world that reads one line (a token unique to the run) from stdin
 * and prints {@code hello <token>}, so a run's output proves it was that run, with that stdin, that
 * finished. One per language, each the smallest idiomatic way to read a line and print it.
 */
record RunProgram(String language, String source) {

    private static final Map<String, String> ECHO = Map.of(
            "python", """
                    import sys
                    print("hello " + sys.stdin.readline().strip())
                    """,
            "javascript", """
                    const line = require("fs").readFileSync(0, "utf8").split("\\n")[0];
                    console.log("hello " + line);
                    """,
            "c", """
                    #include <stdio.h>
                    #include <string.h>
                    int main(void) {
                        char line[256];
                        if (!fgets(line, sizeof line, stdin)) return 3;
                        line[strcspn(line, "\\r\\n")] = 0;
                        printf("hello %s\\n", line);
                        return 0;
                    }
                    """,
            "cpp", """
                    #include <iostream>
                    #include <string>
                    int main() {
                        std::string line;
                        if (!std::getline(std::cin, line)) return 3;
                        std::cout << "hello " << line << "\\n";
                        return 0;
                    }
                    """,
            "java", """
                    import java.io.BufferedReader;
                    import java.io.InputStreamReader;

                    public class Main {
                        public static void main(String[] args) throws Exception {
                            String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
                            System.out.println("hello " + line);
                        }
                    }
                    """,
            "go", """
                    package main

                    import (
                    \t"bufio"
                    \t"fmt"
                    \t"os"
                    \t"strings"
                    )

                    func main() {
                    \tline, _ := bufio.NewReader(os.Stdin).ReadString('\\n')
                    \tfmt.Println("hello " + strings.TrimSpace(line))
                    }
                    """);

    static RunProgram echo(String language) {
        String source = ECHO.get(language);
        if (source == null) throw new IllegalArgumentException("no run-mode program for language " + language + "; one of " + ECHO.keySet());
        return new RunProgram(language, source);
    }

    static String stdinFor(String token) {
        return token + "\n";
    }

    static String expectedStdout(String token) {
        return "hello " + token + "\n";
    }

    /**
     * Null when the run succeeded: exit code 0, no failing outcome (null for a path that has none, such as a
     * bare docker run) and exactly the expected stdout. Otherwise what went wrong, the exit code first, since
     * a program that failed prints the wrong thing as well.
     */
    static RunFailure verify(String token, String outcome, Integer exitCode, String stdout) {
        if (exitCode != null && exitCode != 0) return new RunFailure(RunFailure.Kind.NON_ZERO_EXIT, "exit code " + exitCode);
        if (outcome != null && !outcome.equals("ok")) return new RunFailure(RunFailure.Kind.ERROR, "outcome " + outcome);
        if (exitCode == null) return new RunFailure(RunFailure.Kind.ERROR, "no exit code");
        String expected = expectedStdout(token);
        if (!expected.equals(stdout)) {
            return new RunFailure(RunFailure.Kind.WRONG_OUTPUT, "expected " + quote(expected) + " but stdout was " + quote(stdout));
        }
        return null;
    }

    private static String quote(String s) {
        if (s == null) return "nothing";
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return '"' + shown.replace("\n", "\\n") + '"';
    }
}
