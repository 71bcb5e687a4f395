package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.failover.queue.SqsSender;
import io.cutover.loadtest.sandbox.ServeProcess;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.sim.SimulatedAwin;
import io.cutover.loadtest.sim.SimulatedShareASale;
import io.cutover.loadtest.sqs.SandboxSqs;
import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.TestHttp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * SIGTERM under load against {@code cutover serve} in a child JVM: keep-alive clients keep
 * sending clicks that the simulated Awin answers slowly, so requests are in flight when the
 * signal comes. Every request a client wrote is answered in full (the last ones with {@code
 * Connection: close}), none meets a reset; the events spooled earlier while SQS was down reach
 * SQS before the process exits, with status 0.
 */
class SigtermDrainTest {

    /** Fewer than the breakers' minimum calls: they stay closed for the load that follows. */
    private static final int SPOOLED_CLICKS = 8;

    private static final int CLIENTS = 6;
    /** Requests per client at most, and the load's time bound: bounded either way. */
    private static final int MAX_REQUESTS_PER_CLIENT = 400;

    private static final Duration MAX_LOAD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void answersEveryRequestInFlightAndFlushesTheSpoolThenExitsZero() throws Exception {
        try (SimulatedAwin awin = new SimulatedAwin();
                SimulatedShareASale legacy = new SimulatedShareASale();
                SandboxSqs sqs = SandboxSqs.start(0, 0, 0, null)) {
            awin.start();
            legacy.start();
            Process cutover = serve(config(awin.trackingPort(), legacy.trackingPort(), sqs));
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                int port;
                try {
                    port = port(cutover);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("cutover serve did not start:\n" + stderr(), e);
                }
                URI base = URI.create("http://127.0.0.1:" + port);

                // Both platforms and SQS down: every click is answered locally and spooled.
                awin.fault(Fault.down());
                legacy.fault(Fault.down());
                sqs.relay().down();
                TestHttp http = new TestHttp();
                List<String> spooled = new ArrayList<>();
                for (int i = 0; i < SPOOLED_CLICKS; i++) {
                    HttpResponse<byte[]> response = http.get(base, "/r.cfm?" + EndToEndTest.CLICK);
                    assertThat(response.statusCode()).isEqualTo(302);
                    spooled.add(
                            response.headers().firstValue("X-Cutover-Event-Id").orElseThrow());
                }
                assertThat(spooledRecords()).as("the spool holds them").isPositive();

                // SQS back, but the drainer's interval is an hour: only the exit flushes the spool.
                sqs.relay().up();
                legacy.fault(Fault.ok());
                awin.reset();
                awin.fault(Fault.slow(Duration.ofMillis(400)));
                // The breakers' open period (1 s) over: the load goes to the slow Awin.
                Thread.sleep(1500);

                AtomicLong signalledAt = new AtomicLong(Long.MAX_VALUE);
                AtomicInteger answered = new AtomicInteger();
                AtomicInteger answeredAfterSignal = new AtomicInteger();
                AtomicInteger closeMarked = new AtomicInteger();
                AtomicLong refused = new AtomicLong();
                AtomicInteger quietClosed = new AtomicInteger();
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                List<Future<?>> loops = new ArrayList<>();
                long end = System.nanoTime() + MAX_LOAD.toNanos();
                for (int c = 0; c < CLIENTS; c++) {
                    loops.add(clients.submit(() -> {
                        RawConnection connection = null;
                        for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && System.nanoTime() < end; i++) {
                            try {
                                if (connection != null && connection.closedByServer()) {
                                    // Closed while quiet, before this request: a client's
                                    // stale-connection check, as pooled clients do.
                                    quietClosed.incrementAndGet();
                                    connection.close();
                                    connection = null;
                                }
                                if (connection == null) {
                                    connection = RawConnection.open(port);
                                }
                            } catch (ConnectException e) {
                                refused.incrementAndGet();
                                return null;
                            }
                            // From here on the request is Cutover's: it must be answered in full.
                            try {
                                RawConnection.RawResponse response = connection.get("/r.cfm?" + EndToEndTest.CLICK);
                                answered.incrementAndGet();
                                if (System.nanoTime() > signalledAt.get()) {
                                    answeredAfterSignal.incrementAndGet();
                                }
                                if (response.status() != 302) {
                                    failures.add("status " + response.status());
                                }
                                if ("close".equalsIgnoreCase(response.header("connection"))) {
                                    closeMarked.incrementAndGet();
                                    connection.close();
                                    connection = null;
                                }
                            } catch (IOException e) {
                                failures.add("a request in flight was not answered: " + e);
                                connection.close();
                                connection = null;
                            }
                        }
                        if (connection != null) {
                            connection.close();
                        }
                        return null;
                    }));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= CLIENTS * 2);
                signalledAt.set(System.nanoTime());
                cutover.destroy(); // SIGTERM
                assertThat(cutover.waitFor(60, TimeUnit.SECONDS))
                        .as("exits after draining")
                        .isTrue();
                for (Future<?> loop : loops) {
                    loop.get(60, TimeUnit.SECONDS);
                }

                assertThat(cutover.exitValue()).as(stderr()).isZero();
                assertThat(failures)
                        .as(
                                "requests reset or cut (answered %d, after the signal %d, told to close %d, closed while quiet %d, refused %d)\n%s",
                                answered.get(),
                                answeredAfterSignal.get(),
                                closeMarked.get(),
                                quietClosed.get(),
                                refused.get(),
                                stderr())
                        .isEmpty();
                assertThat(answeredAfterSignal.get())
                        .as("requests in flight at the signal were answered")
                        .isPositive();
                assertThat(closeMarked.get() + quietClosed.get())
                        .as("every client's connection was closed in order")
                        .isGreaterThanOrEqualTo(CLIENTS);
                assertThat(closeMarked.get())
                        .as("answers in flight said Connection: close")
                        .isPositive();
                assertThat(refused.get()).as("then no new connection was taken").isEqualTo(CLIENTS);
                assertThat(stderr()).contains("drain: every request in flight was answered");
                assertThat(awin.received())
                        .as("the load went through the slow Awin")
                        .isNotEmpty();

                assertThat(spooledRecords())
                        .as("the spool was flushed before the exit")
                        .isZero();
                Set<String> queued = new HashSet<>();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                    for (Message message : sqs.client()
                            .receiveMessage(ReceiveMessageRequest.builder()
                                    .queueUrl(sqs.queueUrl())
                                    .maxNumberOfMessages(10)
                                    .messageAttributeNames("All")
                                    .waitTimeSeconds(1)
                                    .build())
                            .join()
                            .messages()) {
                        queued.add(message.messageAttributes()
                                .get(SqsSender.EVENT_ID)
                                .stringValue());
                    }
                    return queued.containsAll(spooled);
                });
                assertThat(queued).containsAll(spooled);
            } finally {
                clients.shutdownNow();
                if (cutover.isAlive()) {
                    cutover.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                }
            }
        }
    }

    private Path config(int awinPort, int legacyPort, SandboxSqs sqs) throws Exception {
        Path file = dir.resolve("cutover.yaml");
        Files.writeString(file, """
                server:
                  host: 127.0.0.1
                  port: 0
                  event-loops: 1
                admin:
                  enabled: false
                backends:
                  primary:
                    url: http://127.0.0.1:%d
                    connect-timeout: 1s
                    response-timeout: 3s
                    breaker: { open-for: 1s, slow-call-duration: 3s }
                  legacy:
                    url: http://127.0.0.1:%d
                    connect-timeout: 1s
                    response-timeout: 3s
                    breaker: { open-for: 1s, slow-call-duration: 3s }
                deadlines:
                  click: 5s
                directory:
                  file: sample
                access-log: off
                queue:
                  url: %s
                  endpoint: %s
                  credentials: anonymous
                  ack-timeout: 300ms
                  linger: 2ms
                  drain-interval: 1h
                spool:
                  dir: spool
                replay:
                  enabled: false
                shutdown:
                  drain-timeout: 15s
                """.formatted(awinPort, legacyPort, sqs.queueUrl(), sqs.endpoint()));
        return file;
    }

    private long spooledRecords() throws IOException {
        Path spool = dir.resolve("spool");
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        long total = 0;
        try (var files = Files.list(spool)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".spool")).toList()) {
                total += Files.size(file);
            }
        }
        return total;
    }

    private String stderr() throws IOException {
        Path err = dir.resolve("cutover.err");
        return Files.exists(err) ? Files.readString(err) : "";
    }

    private Process serve(Path config) throws Exception {
        return ServeProcess.start(config, dir.resolve("cutover.err"));
    }

    private static int port(Process process) throws Exception {
        return ServeProcess.listeningPort(process, Duration.ofSeconds(60));
    }
}
