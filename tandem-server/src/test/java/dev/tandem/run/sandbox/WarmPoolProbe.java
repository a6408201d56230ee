package dev.tandem.run.sandbox;

import dev.tandem.run.Languages;
import dev.tandem.run.OutputListener;
import dev.tandem.run.RunRequest;

/**
 * Child process of {@link WarmPoolTest}: a "node" (args: node id, then {@code exit} or {@code hang}) whose pool is
 * warm after one run; it prints {@code warm=N} and then exits normally (shutdown hook) or waits to be SIGKILLed.
 */
public final class WarmPoolProbe {

    public static void main(String[] args) throws Exception {
        DockerSandbox sandbox = new DockerSandbox(DockerSandbox.defaultClient(), SandboxSettings.DEFAULT.withNodeId(args[0]));
        sandbox.usePool(new PoolSettings(2, 2, 300_000));
        sandbox.run(new RunRequest(Languages.PYTHON, "print(1)\n", ""), OutputListener.NONE);
        long deadline = System.nanoTime() + 60_000_000_000L;
        // bounded poll: two ready, and the run's own container removed (by the pool's thread)
        while ((sandbox.warmContainers() < 2 || sandbox.listOfThisNode().size() != 2) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        System.out.println("warm=" + sandbox.warmContainers());
        System.out.flush();
        if (args[1].equals("hang")) Thread.sleep(120_000); // the test kills this process long before
        System.exit(0);
    }
}
