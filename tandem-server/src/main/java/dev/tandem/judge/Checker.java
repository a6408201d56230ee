package dev.tandem.judge;

import java.util.ArrayList;
import java.util.List;

/** Compares a program's output with the expected one by the problem's rule. */
public final class Checker {
    private Checker() {
    }

    public static boolean matches(Problem.Comparison cmp, String expected, String actual) {
        String mode = cmp == null ? "whitespace" : cmp.mode();
        return switch (mode) {
            case "exact" -> normalizeLines(expected).equals(normalizeLines(actual));
            case "float" -> floats(expected, actual, cmp.tolerance());
            default -> tokens(expected).equals(tokens(actual));
        };
    }

    /** exact: byte-equal except for \r\n vs \n and one missing or extra final newline. */
    static String normalizeLines(String s) {
        String t = s.replace("\r\n", "\n");
        return t.endsWith("\n") ? t.substring(0, t.length() - 1) : t;
    }

    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.trim().split("\\s+")) if (!t.isEmpty()) out.add(t);
        return out;
    }

    /** Token by token: numbers within the tolerance (absolute or relative), other tokens equal. */
    static boolean floats(String expected, String actual, double tol) {
        List<String> e = tokens(expected), a = tokens(actual);
        if (e.size() != a.size()) return false;
        for (int i = 0; i < e.size(); i++) {
            try {
                double x = Double.parseDouble(e.get(i)), y = Double.parseDouble(a.get(i));
                if (Double.isNaN(y)) return false;
                double diff = Math.abs(x - y);
                if (diff > tol && diff > tol * Math.abs(x)) return false;
            } catch (NumberFormatException ex) {
                if (!e.get(i).equals(a.get(i))) return false;
            }
        }
        return true;
    }
}
