package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.testing.RawConnection;
import io.cutover.proxy.testing.NettyLeaks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What reaches the primary is a request Cutover wrote itself from parsed values, never the
 * client's bytes: the primary here is a plain socket that records every byte it receives.
 */
@ExtendWith(NettyLeaks.class)
class ReserializationTest {

    /** The only header names Cutover ever writes to a backend, in its own lower-case spelling. */
    private static final Set<String> WRITTEN = Set.of(
            "host",
            "x-cutover-event-id",
            "user-agent",
            "accept",
            "accept-language",
            "referer",
            "cookie",
            "x-forwarded-for",
            "x-forwarded-proto",
            "x-forwarded-host",
            "forwarded");

    @Test
    void writesTheUpstreamRequestFromParsedValues() throws Exception {
        try (RecordingBackend primary = RecordingBackend.start();
                Sandbox sandbox = Sandbox.start(
                        SandboxOptions.ephemeral(1),
                        Map.of(
                                "replay.enabled",
                                false,
                                "backends.primary.url",
                                "http://127.0.0.1:" + primary.port(),
                                "server.trusted-proxies",
                                List.of("127.0.0.1/32")))) {
            try (RawConnection client = RawConnection.open(sandbox.cutover().port())) {
                client.sendRaw("GET /r.cfm?" + EndToEndTest.CLICK + " HTTP/1.1\r\n"
                        + "hOsT:www.shareasale.com\r\n"
                        + "USER-AGENT: \t Mozilla/5.0 \t\r\n"
                        + "Accept: text/html\r\n"
                        + "Accept: image/avif\r\n"
                        + "X-Forwarded-For: 198.51.100.7\r\n"
                        + "Forwarded: for=198.51.100.7;proto=https\r\n"
                        + "Keep-Alive: timeout=5\r\n"
                        + "TE: trailers\r\n"
                        + "Upgrade: h2c\r\n"
                        + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                        + "X-Anything: 1\r\n"
                        + "\r\n");
                assertThat(client.read(false).status()).isEqualTo(302);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !primary.heads.isEmpty());
            String head = primary.heads.get(0);
            String[] lines = head.split("\r\n", -1);

            assertThat(lines[0]).matches("GET /cread\\.php\\?[^ ]+ HTTP/1\\.1");
            Set<String> names = new HashSet<>();
            for (int i = 1; i < lines.length - 2; i++) {
                assertThat(lines[i]).as("a header line as Cutover writes it").matches("[a-z-]+: \\S(.*\\S)?");
                String name = lines[i].substring(0, lines[i].indexOf(':'));
                assertThat(WRITTEN).as("header %s", name).contains(name);
                assertThat(names.add(name)).as("header %s once", name).isTrue();
            }
            assertThat(head).endsWith("\r\n\r\n");
            assertThat(head)
                    .contains("\r\nuser-agent: Mozilla/5.0\r\n")
                    .contains("\r\naccept: text/html\r\n")
                    .contains("\r\nx-forwarded-for: 198.51.100.7, 127.0.0.1\r\n")
                    .contains("\r\nforwarded: for=198.51.100.7;proto=https, for=127.0.0.1;proto=http;"
                            + "host=\"www.shareasale.com\"\r\n")
                    .contains("\r\nx-forwarded-host: www.shareasale.com\r\n")
                    .doesNotContainIgnoringCase("keep-alive: ")
                    .doesNotContainIgnoringCase("upgrade")
                    .doesNotContainIgnoringCase("proxy-authorization")
                    .doesNotContainIgnoringCase("x-anything")
                    .doesNotContainIgnoringCase("\r\nte: ");
        }
    }

    /** A backend that records each request head byte for byte and answers 302. */
    static final class RecordingBackend implements AutoCloseable {
        final List<String> heads = new CopyOnWriteArrayList<>();
        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        private RecordingBackend(ServerSocket server) {
            this.server = server;
        }

        static RecordingBackend start() throws IOException {
            RecordingBackend backend = new RecordingBackend(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(backend::accept, "recording-backend");
            acceptor.setDaemon(true);
            acceptor.start();
            return backend;
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    sockets.add(socket);
                    Thread t = new Thread(() -> serve(socket), "recording-backend-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (true) {
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    List<Integer> last = new ArrayList<>();
                    int b;
                    while ((b = in.read()) >= 0) {
                        head.write(b);
                        last.add(b);
                        if (last.size() > 4) {
                            last.remove(0);
                        }
                        if (last.equals(List.of(13, 10, 13, 10))) {
                            break;
                        }
                    }
                    if (b < 0) {
                        return;
                    }
                    heads.add(head.toString(StandardCharsets.ISO_8859_1));
                    out.write(("HTTP/1.1 302 Found\r\nLocation: https://www.example.com/page?id=6\r\n"
                                    + "Content-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException e) {
                // The connection ended.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
