package dev.tandem.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The path rules of v1.1 "Several files", which sessions and runs share. */
class FilePathsTest {

    @Test
    void acceptsRelativePathsOfPlainParts() {
        for (String good : new String[]{"main.py", "lib/util.py", "a/b/c/D-e_f.2.h", "..hidden..",
                "x".repeat(64) + "/" + "y".repeat(64), ("abcdefg/").repeat(32).substring(0, 255) + "z"}) {
            assertThat(FilePaths.problem(good)).as(good).isNull();
            assertThat(FilePaths.isValid(good)).isTrue();
        }
    }

    @Test
    void refusesEverythingThatCouldLeaveTheFolderOrIsNotAPlainName() {
        for (String bad : new String[]{null, "", "/etc/passwd", "../x", "a/../../x", "a/./b", ".", "..", "a//b", "a/",
                "a b", "a\\b", "ü.py", "a\u0000b", "x".repeat(65), ("abcdefg/").repeat(33)}) {
            assertThat(FilePaths.problem(bad)).as(String.valueOf(bad)).isNotNull();
            assertThat(FilePaths.isValid(bad)).isFalse();
        }
    }
}
