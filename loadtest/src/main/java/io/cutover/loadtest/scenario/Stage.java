package io.cutover.loadtest.scenario;

import io.cutover.loadtest.ledger.FateRecord;
import io.cutover.loadtest.sim.SimulatedAwin;
import io.cutover.loadtest.sim.SimulatedShareASale;
import io.cutover.loadtest.sqs.SandboxSqs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a scenario runs: Cutover between the simulated platforms and the sandbox's SQS, with the
 * switches a scenario pulls. Cutover runs in this process ({@link InProcessStage}) or, where it
 * must be killed, as a child process ({@link ChildProcessStage}).
 *
 * <p>Lifecycle: started by its constructor; faults and reloads while the load runs; then {@link
 * #stopCutover()} (nothing moves between the queue, the spool and the platforms any more, the
 * access log is complete), the evidence read, and {@link #close()}.
 */
public interface Stage extends AutoCloseable {

    /** Where clients send requests: the same address for the whole run, across restarts. */
    InetSocketAddress address();

    SimulatedAwin awin();

    SimulatedShareASale shareASale();

    SandboxSqs sqs();

    /** Cutover's spool folder. */
    Path spoolDir();

    /** Reloads the mapping table (after {@link #mappingFolder()}'s files changed); true if it was swapped in. */
    boolean reload() throws Exception;

    /** The folder of mapping files Cutover serves and reloads, or {@code null} for the built-in table. */
    Path mappingFolder();

    /** Kills Cutover with SIGKILL: no shutdown hook, no flush. */
    void kill() throws Exception;

    /** Starts Cutover again after {@link #kill()}, on the same address and spool; returns once it listens. */
    void restart() throws Exception;

    /** Whether the replayer may still be moving events: messages in the queue or bytes in the spool. */
    boolean settled();

    /**
     * Stops Cutover's replayer and, where that is the only way, Cutover itself, so that the queue,
     * the spool and the platforms hold still while they are read.
     */
    void stopCutover() throws Exception;

    /** The fates Cutover recorded, complete once {@link #close()} returned. */
    List<FateRecord> fates();

    @Override
    void close();
}
