package dev.tandem.run.sandbox;

/**
 * The numbers of the bootstrap's reports are accepted only as plain decimal digits that fit an int: no sign, no
 * space, no colon. Anything else did not come from the bootstrap's printf and is refused, not repaired.
 */
final class ReportFields {
    private ReportFields() {
    }

    static boolean isNumber(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
