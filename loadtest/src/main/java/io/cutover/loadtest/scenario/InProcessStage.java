package io.cutover.loadtest.scenario;

import io.cutover.loadtest.ledger.FateRecord;
import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.SimulatedAwin;
import io.cutover.loadtest.sim.SimulatedShareASale;
import io.cutover.loadtest.sqs.SandboxSqs;
import io.cutover.proxy.reload.ReloadResult;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox in this process, every port picked free, with its access log in the run's folder
 * (the fates the ledger reads) and, when asked, the built-in mapping files in a folder of their
 * own, so that a scenario can edit and reload them.
 */
final class InProcessStage implements Stage {

    private final Sandbox sandbox;
    private final Path accessLog;
    private final Path mappingFolder;
    private boolean closed;

    InProcessStage(Path workDir, int eventLoops, boolean ownMappings, Map<String, Object> overrides) throws Exception {
        Files.createDirectories(workDir);
        this.accessLog = workDir.resolve("access.log");
        Map<String, Object> config = new HashMap<>(overrides);
        if (ownMappings) {
            mappingFolder = workDir.resolve("mappings");
            BuiltInMappings.load().writeTo(mappingFolder);
            config.put("mapping.files", List.of(mappingFolder.toString()));
        } else {
            mappingFolder = null;
        }
        this.sandbox = Sandbox.start(SandboxOptions.ephemeral(eventLoops).withAccessLog(accessLog.toString()), config);
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", sandbox.cutover().port());
    }

    @Override
    public SimulatedAwin awin() {
        return sandbox.awin();
    }

    @Override
    public SimulatedShareASale shareASale() {
        return sandbox.shareASale();
    }

    @Override
    public SandboxSqs sqs() {
        return sandbox.sqs();
    }

    @Override
    public Path spoolDir() {
        return sandbox.spoolDir();
    }

    @Override
    public Path mappingFolder() {
        return mappingFolder;
    }

    @Override
    public boolean reload() throws Exception {
        ReloadResult result = sandbox.cutover().reload().get(30, TimeUnit.SECONDS);
        return result.ok();
    }

    @Override
    public void kill() {
        throw new UnsupportedOperationException("Cutover in this process cannot be killed: a child process can");
    }

    @Override
    public void restart() {
        throw new UnsupportedOperationException("Cutover in this process cannot be restarted: a child process can");
    }

    @Override
    public boolean settled() {
        return QueueDepth.messages(sqs().client(), sqs().queueUrl()) == 0
                && sandbox.cutover().retryQueue().spool().records() == 0;
    }

    /**
     * Stops the replayer only: Cutover keeps its spool (a folder the sandbox deletes when it
     * stops) until the evidence is read, and nothing takes from the queue any more.
     */
    @Override
    public void stopCutover() {
        sandbox.cutover().replay().ifPresent(replay -> replay.close());
    }

    @Override
    public List<FateRecord> fates() {
        if (!closed) {
            throw new IllegalStateException("the access log is complete only once the stage is closed");
        }
        return Files.exists(accessLog) ? FateRecord.readAccessLog(accessLog) : List.of();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            sandbox.close();
        }
    }
}
