package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeaks.class)
class ReceivedRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123Z");
    private static final String CLICK = "/cread.php?awinmid=1001&awinaffid=77";

    private final TestHttp http = new TestHttp();
    private SimulatedAwin awin;

    @BeforeEach
    void start() {
        awin = new SimulatedAwin(
                SimulatorOptions.builder()
                        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                        .build(),
                Map.of());
        awin.start();
    }

    @AfterEach
    void stop() {
        awin.close();
    }

    @Test
    void recordsTheEventIdHeader() throws Exception {
        http.get(awin.trackingUri(), CLICK, "X-Cutover-Event-Id", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

        assertThat(awin.received())
                .singleElement()
                .extracting(ReceivedRequest::eventId)
                .isEqualTo("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    }

    @Test
    void recordsNullEventIdWhenTheHeaderIsAbsent() throws Exception {
        http.get(awin.trackingUri(), CLICK);

        assertThat(awin.received())
                .singleElement()
                .extracting(ReceivedRequest::eventId)
                .isNull();
    }

    @Test
    void recordsTheSelectedHeadersOnly() throws Exception {
        try (RawConnection connection = RawConnection.open(awin.trackingPort())) {
            connection.get(
                    CLICK,
                    "Cookie: aw1001=old",
                    "User-Agent: Mozilla/5.0 (test)",
                    "Referer: https://publisher.example/post",
                    "X-Forwarded-For: 203.0.113.0",
                    "X-Forwarded-Proto: https",
                    "Accept-Language: en");
        }

        assertThat(awin.received().get(0).headers())
                .containsExactly(
                        Map.entry("Host", "127.0.0.1:" + awin.trackingPort()),
                        Map.entry("Cookie", "aw1001=old"),
                        Map.entry("User-Agent", "Mozilla/5.0 (test)"),
                        Map.entry("Referer", "https://publisher.example/post"),
                        Map.entry("X-Forwarded-For", "203.0.113.0"),
                        Map.entry("X-Forwarded-Proto", "https"));
    }

    @Test
    void recordsDecodedParametersInOrderWithKeysAsSent() throws Exception {
        http.get(
                awin.trackingUri(),
                "/cread.php?awinmid=1001&awinaffid=77&clickref=&clickref2=spring+sale"
                        + "&ued=https%3A%2F%2Fshop.example%2F&Cons=1&clickref2=x");

        ReceivedRequest record = awin.received().get(0);
        assertThat(record.params())
                .containsExactly(
                        Map.entry("awinmid", List.of("1001")),
                        Map.entry("awinaffid", List.of("77")),
                        Map.entry("clickref", List.of("")),
                        Map.entry("clickref2", List.of("spring sale", "x")),
                        Map.entry("ued", List.of("https://shop.example/")),
                        Map.entry("Cons", List.of("1")));
        assertThat(record.path()).isEqualTo("/cread.php");
        assertThat(record.uri()).startsWith("/cread.php?awinmid=1001&");
    }

    @Test
    void answersMalformedHttpWith400AndDoesNotRecordIt() throws Exception {
        try (RawConnection connection = RawConnection.open(awin.trackingPort())) {
            connection.sendRaw("GET /cread.php?awinmid=1 HTTP/1.1\r\nHost: x\r\nno colon in this header\r\n\r\n");

            assertThat(connection.read(false).status()).isEqualTo(400);
            connection.awaitClose();
        }
        assertThat(awin.received()).isEmpty();
    }

    @Test
    void recordsArrivalTimeFromTheInjectedClock() throws Exception {
        http.get(awin.trackingUri(), CLICK);

        assertThat(awin.received().get(0).arrivedAt()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void keepsTheConnectionIdAcrossKeepAliveRequestsAndMintsANewOneAfterReconnecting() throws Exception {
        try (RawConnection first = RawConnection.open(awin.trackingPort())) {
            first.get(CLICK);
            first.get("/sread.img?merchant=1001");
        }
        try (RawConnection second = RawConnection.open(awin.trackingPort())) {
            second.get(CLICK);
        }

        assertThat(awin.received()).extracting(ReceivedRequest::connectionId).containsExactly(1L, 1L, 2L);
    }

    @Test
    void mintsANewConnectionIdAfterTheDownFaultKilledTheConnection() throws Exception {
        try (RawConnection before = RawConnection.open(awin.trackingPort())) {
            before.get(CLICK);
            awin.fault(Fault.down());
            before.awaitClose();
        }
        awin.fault(Fault.ok());
        try (RawConnection after = RawConnection.open(awin.trackingPort())) {
            after.get(CLICK);
        }

        List<ReceivedRequest> records = awin.received();
        assertThat(records.get(1).connectionId()).isGreaterThan(records.get(0).connectionId());
    }

    @Test
    void recordsTheFaultAndStatusOfEachRequest() throws Exception {
        http.get(awin.trackingUri(), CLICK);
        awin.fault(Fault.error(500));
        http.get(awin.trackingUri(), CLICK);
        awin.fault(Fault.slow(Duration.ofMillis(10)));
        http.get(awin.trackingUri(), CLICK);
        awin.fault(Fault.reset());
        try (RawConnection connection = RawConnection.open(awin.trackingPort())) {
            connection.send("GET", CLICK);
            connection.awaitClose();
        }

        assertThat(awin.received())
                .extracting(ReceivedRequest::fault, ReceivedRequest::status)
                .containsExactly(
                        tuple(Fault.ok(), 302),
                        tuple(Fault.error(500), 500),
                        tuple(Fault.slow(Duration.ofMillis(10)), 302),
                        tuple(Fault.reset(), null));
    }

    @Test
    void recordsRejectedAndUnknownRequestsToo() throws Exception {
        http.get(awin.trackingUri(), "/cread.php?awinmid=x");
        http.get(awin.trackingUri(), "/nowhere");

        assertThat(awin.received()).extracting(ReceivedRequest::status).containsExactly(400, 404);
    }

    @Test
    void numbersRequestsInArrivalOrderFromOne() throws Exception {
        for (int i = 0; i < 5; i++) {
            http.get(awin.trackingUri(), CLICK + "&clickref=" + i);
        }

        List<ReceivedRequest> records = awin.received();
        assertThat(records).extracting(ReceivedRequest::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(records).extracting(record -> record.param("clickref")).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void restartsNumberingAfterReset() throws Exception {
        http.get(awin.trackingUri(), CLICK);
        awin.reset();
        http.get(awin.trackingUri(), CLICK);

        assertThat(awin.received())
                .singleElement()
                .extracting(ReceivedRequest::sequence)
                .isEqualTo(1L);
    }

    @Test
    void handsOutAnImmutableSnapshot() throws Exception {
        http.get(awin.trackingUri(), CLICK);
        List<ReceivedRequest> snapshot = awin.received();

        http.get(awin.trackingUri(), CLICK);

        assertThat(snapshot).hasSize(1);
        assertThatThrownBy(snapshot::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> snapshot.get(0).params().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordsEveryRequestExactlyOnceUnderConcurrencyOnSeveralEventLoops() throws Exception {
        try (SimulatedShareASale shareASale = new SimulatedShareASale(
                SimulatorOptions.builder().eventLoopThreads(4).build(), Map.of())) {
            shareASale.start();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> answers = IntStream.range(0, 200)
                        .mapToObj(i -> clients.submit(() -> {
                            try (RawConnection connection = RawConnection.open(shareASale.trackingPort())) {
                                return connection
                                        .get("/r.cfm?b=1&u=2&m=3&afftrack=" + i)
                                        .status();
                            }
                        }))
                        .toList();
                for (Future<Integer> answer : answers) {
                    assertThat(answer.get()).isEqualTo(302);
                }
            } finally {
                clients.shutdownNow();
            }

            List<ReceivedRequest> records = shareASale.received();
            assertThat(records)
                    .extracting(ReceivedRequest::sequence)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 200).boxed().toList());
            assertThat(records)
                    .extracting(record -> record.param("afftrack"))
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, 200).mapToObj(String::valueOf).toList());
            assertThat(records).extracting(ReceivedRequest::connectionId).doesNotHaveDuplicates();
        }
    }
}
