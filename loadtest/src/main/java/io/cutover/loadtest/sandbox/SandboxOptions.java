package io.cutover.loadtest.sandbox;

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
 * @param sqsPort the sandbox's SQS (ElasticMQ)
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
        int sqsPort) {

    /** The documented sandbox: 8080, 9090, 8081/8091, 8082/8092, SQS on 9324. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(8080, 9090, 8081, 8091, 8082, 8092, 0, "stdout", SandboxQueue.SANDBOX_PORT);
    }

    /** Every port picked free, no access log: for tests that run in parallel with anything. */
    public static SandboxOptions ephemeral(int eventLoops) {
        return new SandboxOptions(0, 0, 0, 0, 0, 0, eventLoops, "off", 0);
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
                sqsPort);
    }
}
