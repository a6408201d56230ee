package dev.tandem.run.sandbox;

import dev.tandem.run.Language;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The scaffolding the sandbox suites share: a sandbox on the local engine whose images they need are checked
 * first (a missing engine or image FAILS the suite with the reason, never skips it), and, at the end, the check that
 * the suite left none of its containers behind.
 */
final class SandboxSuite {
    private SandboxSuite() {
    }

    static DockerSandbox open(Collection<Language> languages) {
        DockerSandbox sandbox = new DockerSandbox();
        try {
            for (Language l : languages) sandbox.check(l);
        } catch (IllegalStateException e) {
            sandbox.close();
            fail("Docker sandbox unavailable — these tests need a Docker engine and the images "
                    + "(bash sandbox-images/build.sh): " + e.getMessage(), e);
        }
        return sandbox;
    }

    static void closeLeavingNothing(DockerSandbox sandbox) {
        try {
            // Only this JVM's containers: other processes on the same engine may be running sandboxes right now.
            assertThat(sandbox.listSandboxContainers())
                    .filteredOn(c -> DockerSandbox.ownerId().equals(c.getLabels().get(DockerSandbox.OWNER_LABEL)))
                    .as("containers this suite created and left behind").isEmpty();
        } finally {
            sandbox.close();
        }
    }
}
