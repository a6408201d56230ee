package dev.tandem.run.sandbox;

import dev.tandem.run.Languages;
import dev.tandem.run.RunRequest;

import java.util.Map;

/**
 * Child process of {@link ShutdownHookTest}: starts a long run and exits the JVM in the middle of it,
 * so that only the shutdown hook can remove the container.
 */
public final class ExitMidRunProbe {

    public static void main(String[] args) throws Exception {
        DockerSandbox sandbox = new DockerSandbox();
        System.out.println("owner=" + DockerSandbox.ownerId());
        System.out.flush();
        Thread t = new Thread(() -> sandbox.run(new RunRequest(Languages.PYTHON,
                "import time\nprint('running', flush=True)\ntime.sleep(60)\n", "",
                Languages.PYTHON.defaultLimits().withTimeMs(60_000)), (s, c) -> {
            System.out.println("output=" + c.trim());
            System.out.flush();
        }));
        t.setDaemon(true);
        t.start();
        for (int i = 0; i < 200; i++) {
            boolean running = !sandbox.client().listContainersCmd()
                    .withLabelFilter(Map.of(DockerSandbox.OWNER_LABEL, DockerSandbox.ownerId())).exec().isEmpty();
            if (running) break;
            Thread.sleep(50);
        }
        Thread.sleep(500);
        System.out.println("exiting");
        System.out.flush();
        System.exit(0);
    }
}
