package dev.tandem.judge;

import dev.tandem.run.Languages;
import dev.tandem.run.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A submission stored before v1.1 "Several files" (no {@code files}) is judged as its main file alone. */
class StoredSubmissionsTest {

    @Test
    void aSubmissionWithoutFilesJudgesItsSourceAsTheMainFile() {
        SubmissionRecord old = SubmissionEvents.read("""
                {"submissionId":"x","sessionId":"s","problem":"two-sum","language":"c","mode":"submit","version":5,
                 "status":"queued","source":"int main(void) { return 0; }","events":[],"tests":[]}
                """);
        assertThat(old.program(Languages.C)).containsExactly(new SourceFile("main.c", 0, "int main(void) { return 0; }"));
    }

    @Test
    void aSubmissionWithFilesJudgesThemAll() {
        SubmissionRecord r = new SubmissionRecord();
        r.source = "#include \"a.h\"\n";
        r.files = List.of(new SourceFile("main.c", 5, r.source), new SourceFile("a.h", 1, "int a;\n"));
        SubmissionRecord back = SubmissionEvents.read(SubmissionEvents.write(r));
        assertThat(back.program(Languages.C)).isEqualTo(r.files);
    }
}
