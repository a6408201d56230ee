package dev.tandem.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The descriptors of sandbox-images/ as the server reads them, and what a bad one does. */
class LanguageCatalogTest {

    private static final Path SANDBOX_IMAGES = Path.of("..", "sandbox-images");

    private static final String GOOD = """
            {"id": "%s", "name": "Shell", "version": "0.5", "image": "tandem-sandbox-bash:trixie-1",
             "fileName": "main.sh", "run": ["sh", "main.sh"],
             "limits": {"timeMs": 5000, "memoryMb": 256, "pids": 64, "outputBytes": 65536, "cpus": 1.0}}
            """;

    @Test
    void everyPackagedLanguageInItsOrderWithTheConstantsOfTheFirstSix() {
        assertThat(Languages.all()).extracting(Language::id).containsExactly(
                "python", "javascript", "java", "c", "cpp", "go", "rust", "ruby", "php", "kotlin", "typescript", "bash");
        assertThat(Languages.PYTHON.runCommand()).containsExactly("python3", "-u", "main.py");
        assertThat(Languages.JAVA.fileName()).isEqualTo("Main.java");
        assertThat(Languages.byId("rust").compiled()).isTrue();
        assertThat(Languages.byId("ruby").compiled()).isFalse();
        assertThat(Languages.all()).allSatisfy(l -> assertThat(l.image()).startsWith(Languages.IMAGE_PREFIX + l.id() + ":"));
    }

    /** Every image folder but the shared base (sandbox-images/base, which every language image starts from). */
    @Test
    void everySandboxImageFolderIsALanguageAndViceVersa() throws IOException {
        assertThat(SANDBOX_IMAGES.resolve("base").resolve("Dockerfile")).exists();
        assertThat(SANDBOX_IMAGES.resolve("base").resolve("language.json")).doesNotExist();
        List<String> folders;
        try (Stream<Path> s = Files.list(SANDBOX_IMAGES)) {
            folders = s.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("Dockerfile")))
                    .map(d -> d.getFileName().toString()).filter(f -> !f.equals("base")).sorted().toList();
        }
        assertThat(folders).allSatisfy(f -> assertThat(SANDBOX_IMAGES.resolve(f).resolve("language.json")).exists());
        assertThat(Languages.all()).extracting(Language::id).containsExactlyInAnyOrderElementsOf(folders);
    }

    @Test
    void theKubernetesWorkerLoadsTheImagesTheDescriptorsName() throws IOException {
        String yaml = Files.readString(Path.of("..", "deployment", "kubernetes", "worker.yaml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name: SANDBOX_IMAGES\\s+value: \"([^\"]*)\"").matcher(yaml);
        assertThat(m.find()).as("SANDBOX_IMAGES in worker.yaml").isTrue();
        assertThat(m.group(1).split(" ")).containsExactlyInAnyOrderElementsOf(Languages.all().stream().map(Language::image).toList());
    }

    @Test
    void aDirectoryAddsALanguageAndReplacesOneOfTheSameId(@TempDir Path dir) throws IOException {
        write(dir, "shell", GOOD.formatted("shell"));
        write(dir, "bash", GOOD.formatted("bash").replace("\"Shell\"", "\"Bash (site)\""));
        List<Language> all = LanguageCatalog.load(getClass().getClassLoader(), dir);
        assertThat(all).extracting(Language::id).endsWith("bash", "shell").contains("python", "rust");
        assertThat(all).filteredOn(l -> l.id().equals("bash")).singleElement()
                .satisfies(l -> assertThat(l.name()).isEqualTo("Bash (site)"));
        Language shell = all.get(all.size() - 1);
        assertThat(shell.runCommand()).containsExactly("sh", "main.sh");
        assertThat(shell.compiled()).isFalse();
        assertThat(shell.defaultLimits()).isEqualTo(Limits.DEFAULT);
    }

    @Test
    void aBadDescriptorStopsTheLoadNamingItsFileAndTheProblem(@TempDir Path dir) throws IOException {
        Object[][] cases = {
                {"{ not json", "Unexpected character"},
                {GOOD.formatted("broken").replace("\"run\": [\"sh\", \"main.sh\"],", ""), "run"},
                {GOOD.formatted("broken").replace("\"run\"", "\"colour\": \"red\", \"run\""), "colour"},
                {GOOD.formatted("other"), "differs from its folder"},
                {GOOD.formatted("broken").replace("main.sh\",", "../main.sh\","), "fileName"},
                {GOOD.formatted("broken").replace("\"run\": [\"sh\", \"main.sh\"]", "\"run\": []"), "run must be a non-empty"},
                {GOOD.formatted("broken").replace("\"memoryMb\": 256", "\"memoryMb\": 0"), "memoryMb out of range"},
                {GOOD.formatted("broken").replace("tandem-sandbox-bash:trixie-1", "Not An Image"), "image"},
                // v1.1 "Several files": the placeholder that names the job's files
                {compiling("{files:*.c}"), "does not match the main file main.sh"},
                {compiling("{file:*.sh}"), "not a placeholder of the form {files:<glob>}"},
                {compiling("{files:}"), "not a placeholder"},
                {compiling("{files:[*.sh}"), "does not compile"},
                {GOOD.formatted("broken").replace("[\"sh\", \"main.sh\"]", "[\"sh\", \"{files:*.sh}\"]"), "run cannot name"},
        };
        for (Object[] c : cases) {
            Path file = write(dir, "broken", (String) c[0]);
            assertThatThrownBy(() -> LanguageCatalog.load(getClass().getClassLoader(), dir))
                    .as("descriptor %s", c[0])
                    .isInstanceOf(LanguageCatalog.BadDescriptor.class)
                    .hasMessageContaining("bad language descriptor " + file)
                    .hasMessageContaining((String) c[1]);
        }
    }

    /** A descriptor whose compile step ends with {@code arg}. */
    private static String compiling(String arg) {
        return GOOD.formatted("broken").replace("\"run\":", "\"compile\": [\"cc\", \"" + arg + "\"], \"run\":");
    }

    @Test
    void aCompileStepNamesTheJobsFilesThroughItsGlobInTheJobsOrder(@TempDir Path dir) throws IOException {
        write(dir, "shell", GOOD.formatted("shell").replace("\"run\":",
                "\"compile\": [\"cc\", \"-o\", \"main\", \"{files:**.{sh,inc}}\", \"-lm\"], \"run\":"));
        Language shell = LanguageCatalog.load(getClass().getClassLoader(), dir).stream()
                .filter(l -> l.id().equals("shell")).findFirst().orElseThrow();
        assertThat(shell.compileCommand(List.of("main.sh", "b.sh", "notes.txt", "lib/a.inc", "lib/deep/c.sh")))
                .containsExactly("cc", "-o", "main", "main.sh", "b.sh", "lib/a.inc", "lib/deep/c.sh", "-lm");
        assertThat(Languages.GO.compileCommand(List.of("main.go", "util.go", "sub/other.go")))
                .as("Go builds the package of the top folder").containsExactly("go", "build", "-o", "main", "main.go", "util.go");
        assertThat(Languages.JAVA.compileCommand(List.of("Main.java", "lib/Util.java", "README.md")))
                .endsWith("Main.java", "lib/Util.java");
    }

    @Test
    void aMissingDirectoryIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> LanguageCatalog.load(getClass().getClassLoader(), missing))
                .isInstanceOf(LanguageCatalog.BadDescriptor.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("tandem.languages.dir");
    }

    private static Path write(Path dir, String folder, String json) throws IOException {
        Path file = Files.createDirectories(dir.resolve(folder)).resolve("language.json");
        Files.writeString(file, json);
        return file;
    }
}
