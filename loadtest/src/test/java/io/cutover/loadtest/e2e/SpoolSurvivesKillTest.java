package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.failover.queue.SqsSender;
import io.cutover.loadtest.sandbox.ServeProcess;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.sim.SimulatedAwin;
import io.cutover.loadtest.sim.SimulatedShareASale;
import io.cutover.loadtest.sqs.SandboxSqs;
import io.cutover.loadtest.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Durable before answered, against the hardest stop: {@code bin/cutover serve} in a child JVM
 * spools clicks while SQS is down and is killed with SIGKILL right after the last shopper got
 * its redirect. A new process on the same spool brings every one of those events to SQS.
 */
class SpoolSurvivesKillTest {

    private static final int CLICKS = 20;

    @TempDir
    Path dir;

    @Test
    void everyEventSpooledBeforeAKillReachesSqsAfterTheRestart() throws Exception {
        try (SimulatedAwin awin = new SimulatedAwin();
                SimulatedShareASale legacy = new SimulatedShareASale();
                SandboxSqs sqs = SandboxSqs.start(0, 0, 0, null)) {
            awin.start();
            legacy.start();
            awin.fault(Fault.down());
            legacy.fault(Fault.down());
            sqs.relay().down();
            Path config = config(awin.trackingPort(), legacy.trackingPort(), sqs);

            Process first = serve(config, "first");
            List<String> eventIds = new ArrayList<>();
            try {
                URI base = URI.create("http://127.0.0.1:" + port(first));
                TestHttp http = new TestHttp();
                for (int i = 0; i < CLICKS; i++) {
                    HttpResponse<byte[]> response = http.get(base, "/r.cfm?" + EndToEndTest.CLICK);
                    assertThat(response.statusCode()).isEqualTo(302);
                    eventIds.add(
                            response.headers().firstValue("X-Cutover-Event-Id").orElseThrow());
                }
            } finally {
                // SIGKILL, an instant after the last redirect: no shutdown hook, no flush.
                first.destroyForcibly();
                assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            assertThat(spooledBytes()).as("the spool holds the events").isPositive();

            sqs.relay().up();
            Process second = serve(config, "second");
            try {
                port(second);
                Set<String> queued = new HashSet<>();
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
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
                    return queued.containsAll(eventIds);
                });
                assertThat(queued).containsAll(eventIds);
                await().atMost(Duration.ofSeconds(20)).until(() -> spooledBytes() == 0);
            } finally {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
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
                    connect-timeout: 100ms
                    response-timeout: 150ms
                  legacy:
                    url: http://127.0.0.1:%d
                    connect-timeout: 100ms
                    response-timeout: 150ms
                deadlines:
                  click: 600ms
                directory:
                  file: sample
                access-log: off
                queue:
                  url: %s
                  endpoint: %s
                  credentials: anonymous
                  ack-timeout: 50ms
                  linger: 2ms
                  drain-interval: 200ms
                spool:
                  dir: spool
                """.formatted(awinPort, legacyPort, sqs.queueUrl(), sqs.endpoint()));
        return file;
    }

    private long spooledBytes() throws Exception {
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

    private Process serve(Path config, String name) throws Exception {
        return ServeProcess.start(config, dir.resolve(name + ".err"));
    }

    private static int port(Process process) throws Exception {
        return ServeProcess.listeningPort(process, Duration.ofSeconds(60));
    }
}
