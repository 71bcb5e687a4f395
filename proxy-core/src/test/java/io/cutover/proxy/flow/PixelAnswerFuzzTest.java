package io.cutover.proxy.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cutover.failover.Fate;
import io.cutover.failover.LocalAnswer;
import io.cutover.failover.Route;
import io.cutover.failover.guard.BackendGuard;
import io.cutover.failover.guard.GuardListener;
import io.cutover.failover.guard.GuardSettings;
import io.cutover.failover.guard.RetryPolicy;
import io.cutover.failover.queue.DurableRetryQueue;
import io.cutover.failover.queue.QueueObserver;
import io.cutover.failover.queue.Spool;
import io.cutover.failover.queue.SpoolOptions;
import io.cutover.mapping.LinkKind;
import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.EndpointMapping;
import io.cutover.mapping.table.MappingSource;
import io.cutover.mapping.table.MappingTable;
import io.cutover.proxy.EventIds;
import io.cutover.proxy.config.BackendSettings;
import io.cutover.proxy.config.Deadlines;
import io.cutover.proxy.config.TlsSettings;
import io.cutover.proxy.config.TransportKind;
import io.cutover.proxy.origin.Origins;
import io.cutover.proxy.server.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every answer to a conversion pixel is the 43-byte GIF, whatever the query and whatever the
 * table makes of it, when both backends fail and Cutover answers by itself. Generic over the link
 * kinds that are not clicks and over the built-in table's endpoints, so the {@code sale.cfm} table
 * is covered as soon as it is in {@code mappings/}; until then the conversion kind runs through
 * the table's "no mapping" path. Both backends are a real server on port 0 that resets every
 * connection.
 */
class PixelAnswerFuzzTest {

    /** The transparent 1×1 GIF, byte for byte (GIF89a, one white pixel, transparent). */
    static final byte[] GIF = {
        0x47,
        0x49,
        0x46,
        0x38,
        0x39,
        0x61,
        0x01,
        0x00,
        0x01,
        0x00,
        (byte) 0x80,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        (byte) 0xff,
        (byte) 0xff,
        (byte) 0xff,
        0x21,
        (byte) 0xf9,
        0x04,
        0x01,
        0x00,
        0x00,
        0x00,
        0x00,
        0x2c,
        0x00,
        0x00,
        0x00,
        0x00,
        0x01,
        0x00,
        0x01,
        0x00,
        0x00,
        0x02,
        0x02,
        0x44,
        0x01,
        0x00,
        0x3b
    };

    private static final List<LinkKind> PIXEL_KINDS = pixelKinds();

    private static MultiThreadIoEventLoopGroup loops;
    private static ResettingServer backend;
    private static Origins origins;
    private static DurableRetryQueue retryQueue;
    private static Path spoolDir;
    private static TrackingFlow flow;
    private static final List<Fate> fates = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        Transport transport = Transport.select(TransportKind.NIO);
        loops = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        backend = ResettingServer.start();
        origins = new Origins(
                loops,
                transport,
                backend("primary"),
                Optional.of(backend("legacy")),
                headers -> null,
                headers -> null,
                System::nanoTime,
                0,
                // Every connection is reset, so the breakers open early on: the pixel must not care.
                name -> new BackendGuard(name, GuardSettings.defaults(), Clock.systemUTC(), GuardListener.NONE),
                name -> RetryPolicy.none(),
                TlsSettings.none());
        // The real durable path for the local pixels: a spool only, no SQS.
        spoolDir = Files.createTempDirectory("pixel-fuzz-spool");
        retryQueue = new DurableRetryQueue(
                null,
                Spool.open(new SpoolOptions(spoolDir, 64L << 20, 1L << 20, 256, 80), QueueObserver.NONE),
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                QueueObserver.NONE,
                System::nanoTime);
        Translator translator = new Translator(conversionTable(), FileDirectory.sample());
        FlowObserver observer = new FlowObserver() {
            @Override
            public void tracked(Exchange exchange, Fate fate, int status, Route<?> route, long nanos) {
                synchronized (fates) {
                    fates.add(fate);
                }
            }

            @Override
            public void rejected(
                    LinkKind kind, RejectReason reason, String eventId, String uri, String clientIp, long nanos) {}

            @Override
            public void passedThrough(Exchange exchange, int status, Route<?> route, long nanos) {}
        };
        flow = new TrackingFlow(
                () -> translator,
                origins,
                EventIds.system(),
                new Deadlines(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10)),
                "https://fallback.example/",
                new ClientResponses(Optional::of),
                observer,
                retryQueue,
                Duration.ZERO,
                Clock.systemUTC(),
                System::nanoTime,
                new RedirectGuard(() -> translator, "https://fallback.example/", null),
                ClientRateLimit.NONE);
    }

    @AfterAll
    static void stop() throws Exception {
        origins.close();
        retryQueue.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        backend.close();
    }

    @FuzzTest
    @DictionaryEntries({
        "merchantID=41388",
        "merchantID=24570",
        "merchantID=99999",
        "&amount=",
        "&tracking=",
        "&transtype=lead",
        "&currency=USD",
        "&skulist=",
        "&pricelist=",
        "&quantitylist=",
        "&couponcode=",
        "&sscid=",
        "&testmode=1",
        "&",
        "=",
        "%",
        "%0D%0A"
    })
    void everyConversionAnswerIsTheGif(FuzzedDataProvider data) throws Exception {
        LinkKind kind = data.pickValue(PIXEL_KINDS);
        boolean head = data.consumeBoolean();
        String query = data.consumeRemainingAsString();
        String path = data.remainingBytes() % 2 == 0
                ? kind.legacyPath()
                : kind.legacyPath().toUpperCase();
        EventLoop loop = loops.next();

        HttpMethod method = head ? HttpMethod.HEAD : HttpMethod.GET;
        ClientHeaders headers =
                new ClientHeaders("shareasale.test", "fuzz", "*/*", null, null, null, "127.0.0.1", null, "https");
        // The flow runs on its event loop, as the client pipeline calls it.
        CompletableFuture<FullHttpResponse> answer = new CompletableFuture<>();
        loop.execute(() -> flow.handle(loop, method, path + "?" + query, path, query, headers)
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(response);
                    }
                }));
        FullHttpResponse response = answer.get(30, TimeUnit.SECONDS);
        try {
            assertIsTheGif(response);
        } finally {
            response.release();
        }
    }

    /** Event IDs are Cutover's own UUIDs (or none), never client text. */
    @FuzzTest
    void theLocalPixelIsTheGifForAnyEventId(FuzzedDataProvider data) {
        String eventId = data.consumeBoolean() ? null : new UUID(data.consumeLong(), data.consumeLong()).toString();
        LocalAnswer pixel = LocalAnswer.pixel();
        byte[] body = pixel.body();
        if (body.length > 0) {
            body[data.consumeInt(0, body.length - 1)] ^= (byte) data.consumeInt(1, 255);
        }

        FullHttpResponse response = new ClientResponses(Optional::of).local(LocalAnswer.pixel(), eventId);
        try {
            assertIsTheGif(response);
        } finally {
            response.release();
        }
    }

    static void assertIsTheGif(FullHttpResponse response) {
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).isEqualTo("image/gif");
        assertThat(response.headers().getInt("content-length")).isEqualTo(43);
        assertThat(response.headers().get("cache-control")).isEqualTo("no-store");
        assertThat(response.headers().contains("location")).isFalse();
        byte[] body = new byte[response.content().readableBytes()];
        response.content().getBytes(response.content().readerIndex(), body);
        assertThat(body).isEqualTo(GIF);
    }

    /**
     * The built-in table once it maps the conversion pixel; until then a stand-in with the one
     * rule that matters here (the merchant, so that a pixel can be mapped, unmapped or rejected).
     * The stand-in is read only while the shipped table has no {@code sale.cfm}.
     */
    private static MappingTable conversionTable() {
        MappingTable builtIn = MappingTable.builtIn();
        if (builtIn.endpoint(LinkKind.CONVERSION).isPresent()) {
            return builtIn;
        }
        return MappingTable.compile(List.of(new MappingSource("sale-cfm-stand-in.yaml", """
                endpoint: /sale.cfm
                primary: /sread.img
                params:
                  merchantid: { to: merchant, lookup: merchant }
                  tracking:   { to: ref, as: text, max: 255 }
                """)));
    }

    /** The tracked kinds a browser loads as an image, and every such endpoint of the built-in table. */
    private static List<LinkKind> pixelKinds() {
        List<LinkKind> kinds = new ArrayList<>();
        for (LinkKind kind : LinkKind.values()) {
            if (kind.isTracked() && !kind.isClick()) {
                kinds.add(kind);
            }
        }
        for (EndpointMapping endpoint : MappingTable.builtIn().endpoints()) {
            if (!endpoint.kind().isClick() && !kinds.contains(endpoint.kind())) {
                kinds.add(endpoint.kind());
            }
        }
        assertThat(kinds).contains(LinkKind.CONVERSION);
        return List.copyOf(kinds);
    }

    private static BackendSettings backend(String name) {
        return new BackendSettings(
                name,
                URI.create("http://127.0.0.1:" + backend.port()),
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                8,
                Duration.ofSeconds(30),
                65536);
    }

    /** A backend that accepts and resets every connection (SO_LINGER 0): the "connection reset" fault. */
    private static final class ResettingServer {
        private final ServerSocket socket;
        private final Thread acceptor;

        private ResettingServer(ServerSocket socket) {
            this.socket = socket;
            this.acceptor = new Thread(this::run, "resetting-backend");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static ResettingServer start() throws IOException {
            return new ResettingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        }

        int port() {
            return socket.getLocalPort();
        }

        private void run() {
            while (!socket.isClosed()) {
                try (Socket accepted = socket.accept()) {
                    accepted.setSoLinger(true, 0);
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        }

        void close() throws IOException, InterruptedException {
            socket.close();
            acceptor.join(5000);
        }
    }
}
