package io.cutover.proxy.tls;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cutover.proxy.testing.NettyLeaks;
import io.cutover.proxy.tls.RawH2Client.Frame;
import io.netty.handler.codec.http2.Http2Error;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeaks.class)
class TlsListenerTest {

    private TlsCutover it;

    @BeforeEach
    void start() {
        it = new TlsCutover(Map.of());
    }

    @AfterEach
    void stop() {
        it.close();
    }

    @Test
    void servesAClickOverHttp2ThroughTheSameFlowAsHttp1() throws Exception {
        HttpResponse<String> h2 = client(HttpClient.Version.HTTP_2, it.certificates.caCertificate())
                .send(click("https://localhost:" + it.tlsPort()), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> h1 = client(HttpClient.Version.HTTP_1_1, it.certificates.caCertificate())
                .send(click("https://localhost:" + it.tlsPort()), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> plain = client(HttpClient.Version.HTTP_1_1, it.certificates.caCertificate())
                .send(click("http://127.0.0.1:" + it.cutover.port()), HttpResponse.BodyHandlers.ofString());

        assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        for (HttpResponse<String> response : List.of(h2, h1, plain)) {
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("location")).contains(TlsCutover.LANDED);
            assertThat(response.headers().firstValue("x-cutover-event-id")).isPresent();
            // HTTP/1.1's connection management must not leak into HTTP/2 frames.
            assertThat(response.headers().firstValue("connection")).isEmpty();
        }
        String h2Event = h2.headers().firstValue("x-cutover-event-id").orElseThrow();
        List<LoggedRequest> sent = it.primary.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).hasSize(3);
        // Translated alike whatever the client spoke; the backends are told how the client came.
        assertThat(sent)
                .extracting(LoggedRequest::getUrl)
                .containsOnly(sent.get(0).getUrl());
        assertThat(sent.get(0).getUrl()).startsWith("/cread.php?awinmid=15532&awinaffid=");
        assertThat(sent).extracting(r -> r.getHeader("X-Forwarded-Proto")).containsExactly("https", "https", "http");
        assertThat(sent).extracting(r -> r.getHeader("X-Forwarded-For")).containsOnly("127.0.0.1");
        assertThat(sent.get(0).getHeader("X-Cutover-Event-Id")).isEqualTo(h2Event);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(it.accessLogLines()).hasSize(3));
        assertThat(it.accessLogLines().get(0))
                .contains("\"event_id\":\"" + h2Event + "\"")
                .contains("\"fate\":\"primary\"")
                .contains("\"client_ip\":\"127.0.0.0\"");
    }

    @Test
    void servesEveryRequestOfOneHttp2ConnectionAsItsOwnStream() throws Exception {
        HttpClient client = client(HttpClient.Version.HTTP_2, it.certificates.caCertificate());
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(
                    client.sendAsync(click("https://localhost:" + it.tlsPort()), HttpResponse.BodyHandlers.ofString()));
        }
        java.util.Set<String> events = new java.util.HashSet<>();
        for (var answer : answers) {
            HttpResponse<String> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(302);
            events.add(response.headers().firstValue("x-cutover-event-id").orElseThrow());
        }
        assertThat(events).hasSize(20);
        assertThat(it.primary.findAll(anyRequestedFor(anyUrl()))).hasSize(20);
    }

    @Test
    void rejectsABadRequestOverHttp2WithItsReasonAndKeepsTheConnection() throws Exception {
        HttpClient client = client(HttpClient.Version.HTTP_2, it.certificates.caCertificate());
        HttpResponse<String> posted = client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + it.tlsPort() + TlsCutover.CLICK))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> after =
                client.send(click("https://localhost:" + it.tlsPort()), HttpResponse.BodyHandlers.ofString());

        assertThat(posted.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.body()).contains("expected: GET or HEAD");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(it.primary.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    /**
     * Frame by frame, so that what ends the stream is seen: a client announcing a body past the
     * limit gets the 413 with its reason from its headers, then RST_STREAM(NO_ERROR), which tells it
     * to stop sending and keep the answer (RFC 9113 §8.1). The connection serves on.
     */
    @Test
    void answers413ToAnHttp2BodyPastTheLimitAsHttp1Does() throws Exception {
        try (RawH2Client client = RawH2Client.connect(it.tlsPort(), it.certificates.caCertificate())) {
            int posted = client.request(client.post(TlsCutover.CLICK, 100_000), false);
            client.data(posted, 16_384, false);
            client.flush();

            RawH2Client.Frame answer = client.answer(posted, 10);
            RawH2Client.Frame body =
                    client.await(f -> f.streamId() == posted && f.type().equals("DATA"), 10);
            RawH2Client.Frame reset =
                    client.await(f -> f.streamId() == posted && f.type().equals("RST_STREAM"), 10);
            // The rest of the body, already on its way when the answer went out, changes nothing.
            client.data(posted, 16_384, false);
            int after = client.request(client.get(TlsCutover.CLICK));
            client.flush();
            RawH2Client.Frame served = client.answer(after, 10);

            assertThat(answer.headers().status().toString()).isEqualTo("413");
            assertThat(body.data()).contains("body larger than 65536 bytes");
            assertThat(body.endStream()).isTrue();
            assertThat(reset.errorCode()).isEqualTo(Http2Error.NO_ERROR.code());
            assertThat(client.frames())
                    .filteredOn(f -> f.streamId() == posted && f.type().equals("RST_STREAM"))
                    .as("one reset, and not a CANCEL")
                    .allMatch(f -> f.errorCode() == Http2Error.NO_ERROR.code()
                            || f.errorCode() == Http2Error.STREAM_CLOSED.code());
            assertThat(served.headers().status().toString()).isEqualTo("302");
            assertThat(it.primary.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
            assertThat(client.isOpen()).isTrue();
        }
    }

    /**
     * A drain over HTTP/2: the connection is told GOAWAY(NO_ERROR) at once, while its stream in
     * flight is still waiting for the primary; that stream is answered, and then the connection
     * closes and the drain ends clean.
     */
    @Test
    void tellsTheConnectionToGoAwayAndFinishesTheStreamInFlight() throws Exception {
        it.slowPrimary(1500);
        try (RawH2Client client = RawH2Client.connect(it.tlsPort(), it.certificates.caCertificate())) {
            int stream = client.request(client.get(TlsCutover.CLICK));
            client.flush();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (it.primary.findAll(anyRequestedFor(anyUrl())).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(10);
            }

            CompletableFuture<Boolean> drained = it.cutover.drain();
            Frame goAway = client.await(f -> f.type().equals("GOAWAY"), 5);
            Frame answer = client.answer(stream, 10);

            assertThat(goAway).as("GOAWAY").isNotNull();
            assertThat(goAway.errorCode()).isEqualTo(Http2Error.NO_ERROR.code());
            assertThat(answer.type()).isEqualTo("HEADERS");
            assertThat(answer.headers().status().toString()).isEqualTo("302");
            List<Frame> frames = client.frames();
            assertThat(frames.indexOf(goAway))
                    .as("GOAWAY came while the stream was in flight")
                    .isLessThan(frames.indexOf(answer));
            assertThat(drained.get(15, TimeUnit.SECONDS))
                    .as("every request answered")
                    .isTrue();
            assertThat(client.awaitClosed(5)).as("connection closed").isTrue();
        }
    }

    @Test
    void offersOnlyTls13And12() {
        String[] enabled = it.cutover
                .certificates()
                .orElseThrow()
                .select(null)
                .newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT)
                .getEnabledProtocols();
        assertThat(enabled).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    @Test
    void servesAReplacedCertificateToTheNextConnectionWithoutARestart() throws Exception {
        X509Certificate before = peerCertificate(it.tlsPort(), "localhost", it.certificates.caCertificate());
        try (SSLSocket open = socket(it.tlsPort(), "localhost", it.certificates.caCertificate())) {
            Path next = it.dir.resolve("next");
            LocalCertificates replacement =
                    LocalCertificates.create(next, List.of("localhost", "127.0.0.1"), Duration.ofDays(2));
            // As a deployment would: key first, then the chain, each renamed into place.
            replace(replacement.privateKey(), it.certificates.privateKey());
            replace(replacement.certificate(), it.certificates.certificate());

            BigInteger expected = firstCertificate(replacement.certificate()).getSerialNumber();
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> peerCertificate(it.tlsPort(), "localhost", replacement.caCertificate())
                            .getSerialNumber()
                            .equals(expected));
            // The connection opened before the swap keeps its certificate and still works.
            assertThat(((X509Certificate) open.getSession().getPeerCertificates()[0]).getSerialNumber())
                    .isEqualTo(before.getSerialNumber());
            open.getOutputStream()
                    .write(("GET " + TlsCutover.CLICK + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            open.getOutputStream().flush();
            byte[] head = new byte[12];
            int read = open.getInputStream().readNBytes(head, 0, 12);
            assertThat(new String(head, 0, read, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.1 302");
        }
    }

    @Test
    void keepsServingTheOldCertificateWhenTheNewKeyDoesNotMatch() throws Exception {
        BigInteger serial = peerCertificate(it.tlsPort(), "localhost", it.certificates.caCertificate())
                .getSerialNumber();
        LocalCertificates other =
                LocalCertificates.create(it.dir.resolve("other"), List.of("localhost"), Duration.ofDays(2));
        replace(other.privateKey(), it.certificates.privateKey());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !it.cutover.certificates().orElseThrow().reload());
        assertThat(peerCertificate(it.tlsPort(), "localhost", it.certificates.caCertificate())
                        .getSerialNumber())
                .isEqualTo(serial);
        HttpResponse<String> response = client(HttpClient.Version.HTTP_2, it.certificates.caCertificate())
                .send(click("https://localhost:" + it.tlsPort()), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        // An operator sees the refusal, and when the certificate still serving expires.
        String scrape = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + it.cutover.adminPort() + "/metrics"))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        java.util.regex.Matcher refused = java.util.regex.Pattern.compile(
                        "(?m)^cutover_tls_reloads_total\\{[^}]*result=\"refused\"[^}]*\\} (\\S+)$")
                .matcher(scrape);
        assertThat(refused.find()).as(scrape).isTrue();
        assertThat(Double.parseDouble(refused.group(1))).isGreaterThanOrEqualTo(1);
        java.util.regex.Matcher notAfter = java.util.regex.Pattern.compile(
                        "(?m)^cutover_tls_certificate_not_after_seconds(\\{[^}]*\\})? (\\S+)$")
                .matcher(scrape);
        assertThat(notAfter.find()).as(scrape).isTrue();
        assertThat((long) Double.parseDouble(notAfter.group(2)))
                .isEqualTo(TlsListenerTest.firstCertificate(it.certificates.certificate())
                        .getNotAfter()
                        .toInstant()
                        .getEpochSecond());
    }

    private static void replace(Path from, Path to) throws IOException {
        Path temporary = to.resolveSibling(to.getFileName() + ".new");
        Files.copy(from, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static HttpRequest click(String base) {
        return HttpRequest.newBuilder(URI.create(base + TlsCutover.CLICK))
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    static HttpClient client(HttpClient.Version version, Path ca) throws Exception {
        return HttpClient.newBuilder()
                .version(version)
                .sslContext(sslContext(ca))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    static SSLContext sslContext(Path ca) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", firstCertificate(ca));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static X509Certificate firstCertificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static SSLSocket socket(int port, String serverName, Path ca) throws Exception {
        SSLSocket socket = (SSLSocket) sslContext(ca).getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** The leaf certificate served for {@code serverName}, verified against {@code ca}. */
    static X509Certificate peerCertificate(int port, String serverName, Path ca) throws Exception {
        try (SSLSocket socket = socket(port, serverName, ca)) {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
