package io.cutover.loadtest.scenario;

import io.cutover.loadtest.ledger.FateRecord;
import io.cutover.loadtest.sandbox.ServeProcess;
import io.cutover.loadtest.sim.SimulatedAwin;
import io.cutover.loadtest.sim.SimulatedShareASale;
import io.cutover.loadtest.sim.SimulatorOptions;
import io.cutover.loadtest.sqs.SandboxSqs;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.directory.Merchant;
import io.cutover.proxy.config.ConfigLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code cutover serve} in a JVM of its own, between simulators and an SQS in this process: the
 * only way to kill Cutover with SIGKILL and start it again on the same spool, as an operator's
 * {@code kill -9} and restart would. The first start takes a free port; a restart takes the same
 * one (the listener sets SO_REUSEADDR), so clients find it where they left it. Each process writes
 * its own access log; a killed one's last lines may be missing, which is what a kill does.
 */
final class ChildProcessStage implements Stage {

    private static final long START_TIMEOUT_SECONDS = 90;
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final Path workDir;
    private final int eventLoops;
    private final Map<String, Object> overrides;
    private final SimulatedAwin awin;
    private final SimulatedShareASale shareASale;
    private final SandboxSqs sqs;
    private final Path spoolDir;
    private final List<Path> accessLogs = new ArrayList<>();
    private Process process;
    private int port;
    private boolean closed;

    ChildProcessStage(Path workDir, int eventLoops, Map<String, Object> overrides) throws Exception {
        this.workDir = Files.createDirectories(workDir);
        this.eventLoops = eventLoops;
        this.overrides = Map.copyOf(overrides);
        this.spoolDir = workDir.resolve("spool");
        Map<String, String> advertiserLandings = new HashMap<>();
        Map<String, String> merchantLandings = new HashMap<>();
        for (Merchant merchant : FileDirectory.sample().merchants()) {
            advertiserLandings.put(merchant.advertiserId(), merchant.defaultLanding());
            merchantLandings.put(merchant.legacyId(), merchant.defaultLanding());
        }
        awin = new SimulatedAwin(SimulatorOptions.builder().build(), advertiserLandings);
        shareASale = new SimulatedShareASale(SimulatorOptions.builder().build(), merchantLandings);
        SandboxSqs started = null;
        try {
            awin.start();
            shareASale.start();
            started = SandboxSqs.start(0, 0, 0, null);
            sqs = started;
            start(0);
        } catch (Exception e) {
            if (started != null) {
                started.close();
            }
            shareASale.close();
            awin.close();
            throw e;
        }
    }

    private void start(int listenPort) throws Exception {
        int generation = accessLogs.size() + 1;
        Path accessLog = workDir.resolve("access-" + generation + ".log");
        accessLogs.add(accessLog);
        Path config =
                Files.writeString(workDir.resolve("cutover-" + generation + ".yaml"), config(listenPort, accessLog));
        process = ServeProcess.start(config, workDir.resolve("cutover-" + generation + ".err"));
        port = ServeProcess.listeningPort(process, Duration.ofSeconds(START_TIMEOUT_SECONDS));
    }

    /** The sandbox's budgets (the same as {@code Sandbox}), with the scenario's overrides. */
    private String config(int listenPort, Path accessLog) {
        Map<String, Object> flat = new java.util.LinkedHashMap<>();
        flat.put("server.host", "127.0.0.1");
        flat.put("server.port", listenPort);
        flat.put("server.event-loops", eventLoops);
        flat.put("admin.enabled", false);
        // The load comes from one loopback address, as in the sandbox: no per-client caps.
        flat.put("rate-limit.enabled", false);
        flat.put("server.max-connections", 0);
        flat.put("server.max-connections-per-client", 0);
        flat.put("backends.primary.url", awin.trackingUri().toString());
        flat.put("backends.legacy.url", shareASale.trackingUri().toString());
        flat.put("backends.primary.connect-timeout", "100ms");
        flat.put("backends.primary.response-timeout", "150ms");
        flat.put("backends.legacy.connect-timeout", "100ms");
        flat.put("backends.legacy.response-timeout", "150ms");
        flat.put("backends.primary.breaker.open-for", "2s");
        flat.put("backends.legacy.breaker.open-for", "2s");
        flat.put("deadlines.click", "300ms");
        flat.put("deadlines.conversion", "300ms");
        flat.put("directory.file", "sample");
        flat.put("access-log", accessLog.toString());
        flat.put("queue.url", sqs.queueUrl());
        flat.put("queue.endpoint", sqs.endpoint().toString());
        flat.put("queue.region", "eu-west-1");
        flat.put("queue.credentials", "anonymous");
        flat.put("queue.linger", "2ms");
        flat.put("queue.ack-timeout", "100ms");
        flat.put("queue.drain-interval", "250ms");
        flat.put("spool.dir", spoolDir.toString());
        flat.put("replay.enabled", true);
        flat.put("replay.poll-wait", "1s");
        flat.put("replay.concurrency", 8);
        flat.put("replay.backoff-base", "200ms");
        flat.put("replay.backoff-max", "2s");
        flat.put("replay.visibility-timeout", "5s");
        flat.put("replay.dead-letter-queue-url", sqs.deadLetterUrl());
        flat.putAll(overrides);
        // JSON is YAML: the nested keys as the config file would have them, quoted as they must be.
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(ConfigLoader.treeOf(flat));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public SimulatedAwin awin() {
        return awin;
    }

    @Override
    public SimulatedShareASale shareASale() {
        return shareASale;
    }

    @Override
    public SandboxSqs sqs() {
        return sqs;
    }

    @Override
    public Path spoolDir() {
        return spoolDir;
    }

    @Override
    public Path mappingFolder() {
        return null;
    }

    @Override
    public boolean reload() {
        throw new UnsupportedOperationException("the child process runs the built-in mapping table");
    }

    @Override
    public void kill() throws Exception {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("cutover serve did not die after SIGKILL");
        }
    }

    @Override
    public void restart() throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("cutover serve is still running (expected: killed first)");
        }
        start(port);
    }

    @Override
    public boolean settled() {
        return QueueDepth.messages(sqs.client(), sqs.queueUrl()) == 0 && QueueDepth.spooledBytes(spoolDir) == 0;
    }

    /** SIGTERM, as an orchestrator stops it: the access log and the spool are flushed and closed. */
    @Override
    public void stopCutover() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public List<FateRecord> fates() {
        List<FateRecord> fates = new ArrayList<>();
        for (Path log : accessLogs) {
            if (Files.exists(log)) {
                fates.addAll(FateRecord.readAccessLog(wholeLines(log)));
            }
        }
        return fates;
    }

    /**
     * The log without a last line cut short: a process killed in the middle of a write leaves
     * one, and it is the kill's mark, not a line to read. Every other line must still parse.
     */
    private Path wholeLines(Path log) {
        try {
            byte[] content = Files.readAllBytes(log);
            int end = content.length;
            while (end > 0 && content[end - 1] != '\n') {
                end--;
            }
            if (end == content.length) {
                return log;
            }
            Path whole = log.resolveSibling(log.getFileName() + ".whole");
            Files.write(whole, java.util.Arrays.copyOf(content, end));
            return whole;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("access log " + log + ": unreadable", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        } finally {
            sqs.close();
            shareASale.close();
            awin.close();
        }
    }
}
