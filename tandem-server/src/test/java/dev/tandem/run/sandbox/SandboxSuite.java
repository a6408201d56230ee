package dev.tandem.run.sandbox;

import dev.tandem.run.Language;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The scaffolding the sandbox suites share, as a JUnit extension: before the suite, a sandbox on the local engine
 * whose images the suite needs are checked (a missing engine or image FAILS the suite with the reason, never skips
 * it); after it, the check that the suite left none of its containers behind.
 */
final class SandboxSuite implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<Collection<Language>> languages;
    private final Consumer<DockerSandbox> opened;
    private DockerSandbox sandbox;

    /** @param opened receives the sandbox before the suite's tests run */
    SandboxSuite(Supplier<Collection<Language>> languages, Consumer<DockerSandbox> opened) {
        this.languages = languages;
        this.opened = opened;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox = new DockerSandbox();
        try {
            for (Language l : languages.get()) sandbox.check(l);
        } catch (IllegalStateException e) {
            fail("Docker sandbox unavailable — these tests need a Docker engine and the images "
                    + "(bash sandbox-images/build.sh): " + e.getMessage(), e);
        }
        opened.accept(sandbox);
    }

    @Override
    public void afterAll(ExtensionContext context) {
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
