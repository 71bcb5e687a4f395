package io.cutover.proxy.cli;

import java.util.concurrent.CountDownLatch;

/** How a server command ends: it blocks its caller until the JVM is asked to stop (Ctrl-C, SIGTERM). */
public final class Shutdown {

    private Shutdown() {}

    /**
     * Blocks the calling (main) thread until the JVM is asked to stop, then closes {@code running}
     * in order, from the shutdown hook, and returns.
     */
    public static void await(AutoCloseable... running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            for (AutoCloseable closeable : running) {
                                try {
                                    closeable.close();
                                } catch (Exception e) {
                                    System.err.println("cutover: error while stopping: " + e);
                                }
                            }
                            stopped.countDown();
                        },
                        "cutover-shutdown"));
        stopped.await();
    }
}
