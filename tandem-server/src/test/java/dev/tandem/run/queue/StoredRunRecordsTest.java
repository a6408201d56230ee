package dev.tandem.run.queue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.run.FileVersion;
import dev.tandem.run.RunJson;
import dev.tandem.run.RunView;
import dev.tandem.run.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run records outlive a release (stored runs live in {@code stored_entries}, in the JSON {@link RunSerializers}
 * writes): one written before v1.1 "Several files", with the main file's text in {@code source} and no
 * {@code files}, still reads as a run of that one file, under its language's file name and the run's version.
 */
class StoredRunRecordsTest {

    /** A queued run as the release before "Several files" stored it. */
    private static final String BEFORE = """
            {"runId":"r-old","sessionId":"s1","language":"java","version":7,
             "source":"public class Main { public static void main(String[] a) { } }","stdin":"","by":"ada",
             "createdAt":1764600000000,"status":"queued","attempts":0,"leaseOwner":null,"leaseUntil":0,
             "events":["{\\"type\\":\\"run.queued\\",\\"runId\\":\\"r-old\\",\\"version\\":7,\\"by\\":\\"ada\\"}"],
             "stdout":"","stderr":"","compileOutput":"","interactive":false,"stdinClosed":false,"pendingInput":[]}
            """;

    @Test
    void aRecordStoredBeforeSeveralFilesRunsItsMainFile() throws Exception {
        RunRecord r = RunJson.MAPPER.readValue(BEFORE, RunRecord.class);
        assertThat(r.files()).containsExactly(new SourceFile("Main.java", 7,
                "public class Main { public static void main(String[] a) { } }"));
        assertThat(r.source()).startsWith("public class Main");
        assertThat(RunView.of(r).files()).containsExactly(new FileVersion("Main.java", 7));
        assertThat(r.copy().files()).as("a processor's copy").isEqualTo(r.files());
    }

    @Test
    void aNewRecordKeepsEveryFileWithItsVersionAndNoSecondCopyOfTheMainFile() throws Exception {
        List<SourceFile> files = List.of(new SourceFile("main.py", 4, "import util\n"), new SourceFile("lib/util.py", 2, "x = 1\n"));
        RunRecord r = RunStore.newRecord("r-new", "s1", "python", files, "", "ada", false);
        JsonNode stored = RunJson.MAPPER.readTree(RunJson.MAPPER.writeValueAsBytes(r));
        assertThat(stored.has("source") && !stored.get("source").isNull()).isFalse();
        RunRecord back = RunJson.MAPPER.readValue(RunJson.MAPPER.writeValueAsBytes(r), RunRecord.class);
        assertThat(back.files()).isEqualTo(files);
        assertThat(back.version()).as("the run's version is the main file's").isEqualTo(4);
        assertThat(RunJson.MAPPER.readTree(back.events().get(0)).path("files").toString())
                .isEqualTo("[{\"path\":\"main.py\",\"version\":4},{\"path\":\"lib/util.py\",\"version\":2}]");
    }
}
