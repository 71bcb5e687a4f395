package io.cutover.loadtest.sandbox;

import java.nio.file.Path;

/**
 * Where the sandbox listens and how it runs. Port 0 picks a free port (tests); the defaults are
 * the documented sandbox ports.
 *
 * @param cutoverPort Cutover's client listener
 * @param adminPort Cutover's admin listener
 * @param awinPort the simulated Awin's tracking listener
 * @param awinControlPort the simulated Awin's control listener
 * @param shareASalePort the simulated ShareASale's tracking listener
 * @param shareASaleControlPort the simulated ShareASale's control listener
 * @param eventLoops Cutover's event loops; 0 = one per core
 * @param accessLog {@code stdout}, {@code off} or a file path
 * @param sqsPort the SQS endpoint Cutover uses (ElasticMQ behind the fault relay)
 * @param sqsControlPort the SQS fault control ({@code POST /fault?mode=down|ok})
 * @param sqsStorePort ElasticMQ's own port behind the relay when it keeps its messages on disk; 0
 *     = the SQS port + 2
 * @param dataDir where the spool and ElasticMQ's messages are kept across restarts; {@code null}
 *     = ElasticMQ in memory and a spool in a fresh temporary folder (tests)
 */
public record SandboxOptions(
        int cutoverPort,
        int adminPort,
        int awinPort,
        int awinControlPort,
        int shareASalePort,
        int shareASaleControlPort,
        int eventLoops,
        String accessLog,
        int sqsPort,
        int sqsControlPort,
        int sqsStorePort,
        Path dataDir) {

    /** The documented sandbox: 8080, 9090, 8081/8091, 8082/8092, SQS 9324/9325. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(8080, 9090, 8081, 8091, 8082, 8092, 0, "stdout", 9324, 9325, 0, defaultDataDir());
    }

    /** The data folder a sandbox uses unless told otherwise: the same one each run. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "cutover-sandbox");
    }

    /** The same options with another data folder ({@code null}: in memory). */
    public SandboxOptions withDataDir(Path dir) {
        return new SandboxOptions(
                cutoverPort,
                adminPort,
                awinPort,
                awinControlPort,
                shareASalePort,
                shareASaleControlPort,
                eventLoops,
                accessLog,
                sqsPort,
                sqsControlPort,
                sqsStorePort,
                dir);
    }

    /** Every port picked free, no access log: for tests that run in parallel with anything. */
    public static SandboxOptions ephemeral(int eventLoops) {
        return new SandboxOptions(0, 0, 0, 0, 0, 0, eventLoops, "off", 0, 0, 0, null);
    }

    /** The same with another access log, e.g. a file a test reads back. */
    public SandboxOptions withAccessLog(String target) {
        return new SandboxOptions(
                cutoverPort,
                adminPort,
                awinPort,
                awinControlPort,
                shareASalePort,
                shareASaleControlPort,
                eventLoops,
                target,
                sqsPort,
                sqsControlPort,
                sqsStorePort,
                dataDir);
    }
}
