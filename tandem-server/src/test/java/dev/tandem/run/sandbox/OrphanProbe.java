package dev.tandem.run.sandbox;

import dev.tandem.run.Languages;
import dev.tandem.run.RunRequest;

/**
 * Child process of {@link OrphanContainerTest}: a "node" (args: node id, time limit in ms) that starts an endless
 * loop in the sandbox and says so; the test then SIGKILLs it, so no finally block or shutdown hook runs.
 */
public final class OrphanProbe {

    public static void main(String[] args) throws Exception {
        DockerSandbox sandbox = new DockerSandbox(DockerSandbox.defaultClient(),
                SandboxSettings.DEFAULT.withNodeId(args[0]));
        long timeMs = Long.parseLong(args[1]);
        sandbox.run(new RunRequest(Languages.PYTHON, "print('running', flush=True)\nwhile True:\n    pass\n", "",
                Languages.PYTHON.defaultLimits().withTimeMs(timeMs)), (s, c) -> {
            System.out.println("output=" + c.trim());
            System.out.flush();
        });
    }
}
