package dev.tandem.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The path rules of v1.1 "Several files", which sessions and runs share. */
class FilePathsTest {

    @Test
    void acceptsRelativePathsOfPlainParts() {
        assertThat(FilePaths.check("main.py")).isNull();
        assertThat(FilePaths.check("lib/util.py")).isNull();
        assertThat(FilePaths.check("a/b/c/D-e_f.2.h")).isNull();
        assertThat(FilePaths.check("..hidden..")).as("dots inside a part are fine").isNull();
        assertThat(FilePaths.check("x".repeat(64) + "/" + "y".repeat(64))).isNull();
        assertThat(FilePaths.check(("abcdefg/").repeat(32).substring(0, 255) + "z")).as("256 characters").isNull();
    }

    @Test
    void refusesEverythingThatCouldLeaveTheFolderOrIsNotAPlainName() {
        for (String bad : new String[]{null, "", "/etc/passwd", "../x", "a/../../x", "a/./b", ".", "..", "a//b", "a/",
                "a b", "a\\b", "ü.py", "a\u0000b", "x".repeat(65), ("abcdefg/").repeat(33)}) {
            assertThat(FilePaths.check(bad)).as(String.valueOf(bad)).isNotNull();
            assertThat(FilePaths.valid(bad)).isFalse();
        }
        assertThat(FilePaths.check("a\u0000b")).as("control characters are shown escaped").contains("\\u0000");
    }

    @Test
    void aFileAndAFolderOfTheSameNameClash() {
        assertThat(FilePaths.clash("lib", "lib/util.py")).isTrue();
        assertThat(FilePaths.clash("lib/util.py", "lib")).isTrue();
        assertThat(FilePaths.clash("a.py", "a.py")).isTrue();
        assertThat(FilePaths.clash("lib", "library/x.py")).isFalse();
        assertThat(FilePaths.clash("lib/a.py", "lib/b.py")).isFalse();
    }
}
