package dev.tandem.run.sandbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dev.tandem.run.sandbox} is the only code that talks to Docker (issue 14 item 4): no other class of the
 * server refers to docker-java, so the security policy ({@link ContainerSpec}) and the container lifecycle cannot
 * be bypassed by a second runner. Reads the compiled classes' constant pools (where every referenced class name
 * is), wherever the build put them.
 */
class OneSandboxTest {

    @Test
    void onlyRunSandboxUsesDockerJava() throws IOException, URISyntaxException {
        Path root = Path.of(DockerSandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root.resolve("dev/tandem"))) {
            offenders = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !root.relativize(f).toString().replace('\\', '/').startsWith("dev/tandem/run/sandbox/"))
                    .filter(OneSandboxTest::refersToDockerJava)
                    .map(f -> root.relativize(f).toString()).sorted().toList();
        }
        assertThat(offenders).as("classes outside run.sandbox that use docker-java").isEmpty();
    }

    private static boolean refersToDockerJava(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("com/github/dockerjava");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
