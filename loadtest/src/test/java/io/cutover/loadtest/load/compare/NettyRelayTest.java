package io.cutover.loadtest.load.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NettyRelayTest {

    private HttpServer backend;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBackend() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            seen.add(exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = ("answer to " + exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Location", "https://www.example.com/");
            exchange.getResponseHeaders().add("Set-Cookie", "a=1; Path=/");
            exchange.sendResponseHeaders(302, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
    }

    @AfterEach
    void stopBackend() {
        backend.stop(0);
    }

    @ParameterizedTest
    @EnumSource(NettyRelay.Mode.class)
    void relaysRequestsOnOneKeepAliveConnectionUnchanged(NettyRelay.Mode mode) throws Exception {
        try (NettyRelay relay = NettyRelay.start(0, backend.getAddress(), mode, 1);
                Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            client.setSoTimeout(5_000);
            for (int i = 1; i <= 3; i++) {
                client.getOutputStream()
                        .write(("GET /r.cfm?b=" + i + " HTTP/1.1\r\nHost: www.shareasale.com\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                String answer = readResponse(client.getInputStream());
                assertThat(answer)
                        .startsWith("HTTP/1.1 302")
                        .containsIgnoringCase("Location: https://www.example.com/")
                        .containsIgnoringCase("Set-Cookie: a=1; Path=/")
                        .endsWith("answer to b=" + i);
            }
        }
        assertThat(seen)
                .containsExactly(
                        "/r.cfm?b=1 www.shareasale.com",
                        "/r.cfm?b=2 www.shareasale.com",
                        "/r.cfm?b=3 www.shareasale.com");
    }

    @ParameterizedTest
    @EnumSource(NettyRelay.Mode.class)
    void closesTheClientWhenTheBackendCannotBeReached(NettyRelay.Mode mode) throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        try (NettyRelay relay = NettyRelay.start(
                        0, new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort), mode, 1);
                Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            client.setSoTimeout(5_000);
            // Closed at once: an end of stream or a reset, not a time-out (which is no SocketException).
            try {
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            } catch (SocketException e) {
                assertThat(e).hasMessageContaining("reset");
            }
        }
    }

    /** One response with a Content-Length body, read byte by byte so that nothing of the next is taken. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("response ended early: " + head).isNotNegative();
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return text + new String(body, StandardCharsets.US_ASCII);
    }
}
