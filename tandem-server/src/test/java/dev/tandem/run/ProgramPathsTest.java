package dev.tandem.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Paths of one program that cannot all be files at once. */
class ProgramPathsTest {

    @Test
    void aFileAndAFolderOfTheSameNameClash() {
        assertThat(ProgramPaths.clash("lib", "lib/util.py")).isTrue();
        assertThat(ProgramPaths.clash("lib/util.py", "lib")).isTrue();
        assertThat(ProgramPaths.clash("a.py", "a.py")).isTrue();
        assertThat(ProgramPaths.clash("lib", "library/x.py")).isFalse();
        assertThat(ProgramPaths.clash("lib/a.py", "lib/b.py")).isFalse();
    }
}
