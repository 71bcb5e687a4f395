package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.queue.QueuedEventCodec;
import io.cutover.failover.queue.SqsSender;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Every locally answered event reaches SQS (the sandbox's ElasticMQ, through the real AWS
 * client), or the spool while SQS is down, before its answer leaves; the spool drains when SQS
 * is back.
 */
class RetryQueueTest extends EndToEndTest {

    private static final Pattern EVENTS_TOTAL =
            Pattern.compile("^cutover_events_total\\{([^}]*)\\} (\\d+)", Pattern.MULTILINE);
    private static final Pattern RECEIVED_TOTAL =
            Pattern.compile("^cutover_events_received_total\\{[^}]*\\} (\\d+)", Pattern.MULTILINE);

    @BeforeEach
    void emptyQueue() {
        sandbox.sqs().relay().up();
        sandbox.sqs()
                .client()
                .purgeQueue(b -> b.queueUrl(sandbox.sqs().queueUrl()))
                .join();
    }

    @Test
    void queuesAClickAnsweredLocallyWhenBothPlatformsAreDown() throws Exception {
        awinDown();
        shareASaleDown();

        HttpResponse<byte[]> response = click(CLICK, "User-Agent", "Mozilla/5.0 test");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(landing(response)).isEqualTo("https://www.example.com/page?id=6");
        String eventId = eventId(response);
        Message message = queued(eventId).get(eventId);
        assertThat(message.messageAttributes().get(SqsSender.EVENT_ID).stringValue())
                .isEqualTo(eventId);
        QueuedEvent event = QueuedEventCodec.decode(message.body());
        assertThat(event.kind()).isEqualTo(QueuedEvent.Kind.CLICK);
        assertThat(event.target()).isEqualTo(QueuedEvent.Target.PRIMARY);
        assertThat(event.endpoint()).isEqualTo("r.cfm");
        assertThat(event.uri())
                .isEqualTo("/cread.php?awinmid=15532&awinaffid=402911&clickref2=nov"
                        + "&ued=https%3A%2F%2Fwww.example.com%2Fpage%3Fid%3D6");
        assertThat(event.headers())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("User-Agent", "Mozilla/5.0 test", "X-Forwarded-For", "127.0.0.0"));
        assertThat(event.receivedAtMillis())
                .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        // Every attempt, retries included, e.g. primary:connect,primary:connect,legacy:connect.
        assertThat(event.reason()).startsWith("primary:connect").contains("legacy:connect");
        assertThat(fates()).containsKey("queued");
    }

    @Test
    void queuesAClickTheSlowPrimaryMayHaveCountedAndAnswersInTime() throws Exception {
        awinSlowerThanTheDeadline();
        long start = System.nanoTime();

        HttpResponse<byte[]> response = click(CLICK);

        long millis = (System.nanoTime() - start) / 1_000_000;
        String eventId = eventId(response);
        assertThat(landing(response)).isEqualTo("https://www.example.com/page?id=6");
        assertThat(millis)
                .as("answered without waiting for the hung primary (10 s)")
                .isLessThan(5000);
        QueuedEvent event = QueuedEventCodec.decode(queued(eventId).get(eventId).body());
        assertThat(event.target()).isEqualTo(QueuedEvent.Target.PRIMARY);
        assertThat(event.reason()).isEqualTo("primary:read_timeout");
        assertThat(sandbox.shareASale().received())
                .as("legacy would count it twice")
                .isEmpty();
    }

    @Test
    void queuesAnUnmappedClickForLegacyWithItsOriginalRequest() throws Exception {
        shareASaleDown();
        String query = "b=1&u=111111&m=24570&urllink=&afftrack=";

        HttpResponse<byte[]> response = click(query);

        String eventId = eventId(response);
        QueuedEvent event = QueuedEventCodec.decode(queued(eventId).get(eventId).body());
        assertThat(event.target()).isEqualTo(QueuedEvent.Target.LEGACY);
        assertThat(event.uri()).isEqualTo("/r.cfm?" + query);
    }

    @Test
    void queuesAConversionAnsweredWithThePixel() throws Exception {
        // sale.cfm is translated: with Awin down as well, no platform takes it.
        awinDown();
        shareASaleDown();

        HttpResponse<byte[]> response = get("/sale.cfm?tracking=A2&amount=5.00&merchantID=41388&transtype=sale");

        assertThat(response.statusCode()).isEqualTo(200);
        String eventId = eventId(response);
        QueuedEvent event = QueuedEventCodec.decode(queued(eventId).get(eventId).body());
        assertThat(event.kind()).isEqualTo(QueuedEvent.Kind.CONVERSION);
        assertThat(event.endpoint()).isEqualTo("sale.cfm");
    }

    @Test
    void spoolsWhileSqsIsDownAndDrainsWhenItIsBack() throws Exception {
        awinDown();
        shareASaleDown();
        sandbox.sqs().relay().down();
        long spooledBefore = fates().getOrDefault("spooled", 0L);

        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<byte[]> response = click(CLICK);
            assertThat(response.statusCode()).isEqualTo(302);
            eventIds.add(eventId(response));
        }

        assertThat(fates().getOrDefault("spooled", 0L) - spooledBefore).isEqualTo(5);
        assertThat(sandbox.cutover().retryQueue().spool().records()).isGreaterThanOrEqualTo(5);

        sandbox.sqs().relay().up();

        Map<String, Message> drained = queued(eventIds.toArray(String[]::new));
        assertThat(drained.keySet()).containsAll(eventIds);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> sandbox.cutover().retryQueue().spool().records() == 0);
        try (var files = Files.list(sandbox.spoolDir())) {
            // Only the empty segment kept ready for the next append may remain.
            assertThat(files.toList())
                    .as("drained segments are deleted")
                    .filteredOn(f -> f.toString().endsWith(".spool"))
                    .allSatisfy(f -> assertThat(f).isEmptyFile());
        }
        assertThat(sandbox.cutover().retryQueue().sqsAvailable()).isTrue();
    }

    @Test
    void showsReceivedAsTheSumOfFates() throws Exception {
        click(CLICK);
        awinDown();
        click(CLICK);
        shareASaleDown();
        click(CLICK);
        get("/r.cfm?b=abc");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = body(admin("/metrics"));
            long received = 0;
            Matcher r = RECEIVED_TOTAL.matcher(metrics);
            while (r.find()) {
                received += Long.parseLong(r.group(1));
            }
            long fates = fates().values().stream().mapToLong(Long::longValue).sum();
            assertThat(received).isPositive().isEqualTo(fates);
        });
    }

    /** Counts by fate, summed over kinds, from the admin scrape. */
    private Map<String, Long> fates() throws Exception {
        String metrics = body(admin("/metrics"));
        Map<String, Long> byFate = new HashMap<>();
        Matcher m = EVENTS_TOTAL.matcher(metrics);
        while (m.find()) {
            Matcher fate = Pattern.compile("fate=\"([a-z_]+)\"").matcher(m.group(1));
            if (fate.find()) {
                byFate.merge(fate.group(1), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        return byFate;
    }

    /** Waits until SQS holds a message for each event ID; by event ID. */
    private Map<String, Message> queued(String... eventIds) {
        Map<String, Message> found = new HashMap<>();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            for (Message message : sandbox.sqs()
                    .client()
                    .receiveMessage(ReceiveMessageRequest.builder()
                            .queueUrl(sandbox.sqs().queueUrl())
                            .maxNumberOfMessages(10)
                            .messageAttributeNames("All")
                            .waitTimeSeconds(1)
                            .build())
                    .join()
                    .messages()) {
                found.put(message.messageAttributes().get(SqsSender.EVENT_ID).stringValue(), message);
            }
            return found.keySet().containsAll(List.of(eventIds));
        });
        return found;
    }
}
