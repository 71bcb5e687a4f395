package io.cutover.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.ops.privacy.IpRange;
import io.cutover.proxy.config.EdgeSettings;
import io.cutover.proxy.flow.HopByHop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forwarding headers: believed from trusted proxies only, appended to, never copied from strangers. */
class ClientAddressTest {

    private static final EdgeSettings TRUSTING_LB = edge("x-forwarded-for", "10.0.0.0/8", "2001:db8:ff::/48");

    private static EdgeSettings edge(String header, String... cidrs) {
        return new EdgeSettings(
                Duration.ofSeconds(5),
                0,
                0,
                java.util.Arrays.stream(cidrs)
                        .map(c -> IpRange.parse(c).orElseThrow())
                        .toList(),
                header);
    }

    private static ClientAddress of(String peer, HttpHeaders h, EdgeSettings edge) {
        return ClientAddress.of(peer, "http", h, HopByHop.nominated(h), edge);
    }

    @Test
    void dropsTheForwardingHeadersOfAClientThatIsNotATrustedProxy() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Host", "www.shareasale.com")
                .add("X-Forwarded-For", "1.2.3.4")
                .add("Forwarded", "for=1.2.3.4")
                .add("X-Forwarded-Proto", "https");

        ClientAddress address = of("203.0.113.9", h, TRUSTING_LB);

        assertThat(address.clientIp()).isEqualTo("203.0.113.9");
        assertThat(address.forwardedFor()).isEqualTo("203.0.113.9");
        assertThat(address.forwarded()).isEqualTo("for=203.0.113.9;proto=http;host=\"www.shareasale.com\"");
        assertThat(address.proto()).isEqualTo("http");
    }

    @Test
    void appendsThePeerToTheChainOfATrustedProxyAndTakesTheRightmostUntrustedClient() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Host", "www.shareasale.com")
                .add("X-Forwarded-For", "6.6.6.6, 198.51.100.20, 10.0.0.7")
                .add("Forwarded", "for=198.51.100.20;proto=https")
                .add("X-Forwarded-Proto", "https");

        ClientAddress address = of("10.0.0.2", h, TRUSTING_LB);

        // 6.6.6.6 is only what the client claimed; 198.51.100.20 is what the first trusted hop saw.
        assertThat(address.clientIp()).isEqualTo("198.51.100.20");
        assertThat(address.forwardedFor()).isEqualTo("6.6.6.6, 198.51.100.20, 10.0.0.7, 10.0.0.2");
        assertThat(address.forwarded())
                .isEqualTo("for=198.51.100.20;proto=https, for=10.0.0.2;proto=http;host=\"www.shareasale.com\"");
        assertThat(address.proto()).isEqualTo("https");
    }

    @Test
    void joinsSeveralForwardedForHeadersInOrder() {
        HttpHeaders h =
                new DefaultHttpHeaders().add("X-Forwarded-For", "198.51.100.1").add("X-Forwarded-For", "10.0.0.9");

        ClientAddress address = of("10.0.0.2", h, TRUSTING_LB);

        assertThat(address.forwardedFor()).isEqualTo("198.51.100.1, 10.0.0.9, 10.0.0.2");
        assertThat(address.clientIp()).isEqualTo("198.51.100.1");
    }

    @Test
    void stopsAtGarbageInTheChain() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Forwarded-For", "198.51.100.1, evil.example, 10.0.0.9");

        assertThat(of("10.0.0.2", h, TRUSTING_LB).clientIp()).isEqualTo("10.0.0.9");
    }

    @Test
    void readsAOneAddressHeaderWhenConfigured() {
        EdgeSettings realIp = edge("x-real-ip", "10.0.0.0/8");
        HttpHeaders h =
                new DefaultHttpHeaders().add("X-Real-IP", "2001:db8:1::5").add("X-Forwarded-For", "1.1.1.1");

        assertThat(of("10.0.0.2", h, realIp).clientIp()).isEqualTo("2001:db8:1::5");
        assertThat(of("203.0.113.9", h, realIp).clientIp()).isEqualTo("203.0.113.9");
        assertThat(of("10.0.0.2", new DefaultHttpHeaders().add("X-Real-IP", "nope"), realIp)
                        .clientIp())
                .isEqualTo("10.0.0.2");
    }

    @Test
    void ignoresForwardingHeadersTheRequestNamesHopByHop() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "keep-alive, X-Forwarded-For")
                .add("X-Forwarded-For", "198.51.100.1");

        ClientAddress address = of("10.0.0.2", h, TRUSTING_LB);

        assertThat(address.clientIp()).isEqualTo("10.0.0.2");
        assertThat(address.forwardedFor()).isEqualTo("10.0.0.2");
    }

    @Test
    void quotesAnIpv6PeerInForwarded() {
        ClientAddress address = of("2001:db8::7", new DefaultHttpHeaders(), TRUSTING_LB);

        assertThat(address.forwarded()).isEqualTo("for=\"[2001:db8::7]\";proto=http");
    }

    @Test
    void matchesCidrBlocks() {
        IpRange v4 = IpRange.parse("10.1.0.0/16").orElseThrow();
        assertThat(v4.contains("10.1.200.3")).isTrue();
        assertThat(v4.contains("10.2.0.1")).isFalse();
        assertThat(v4.contains("::ffff:10.1.0.1")).isTrue();
        assertThat(v4.contains("not an address")).isFalse();
        IpRange v6 = IpRange.parse("2001:db8::/32").orElseThrow();
        assertThat(v6.contains("2001:db8:abcd::1")).isTrue();
        assertThat(v6.contains("2001:db9::1")).isFalse();
        assertThat(IpRange.parse("10.0.0.1").orElseThrow().contains("10.0.0.1")).isTrue();
        assertThat(IpRange.parse("10.0.0.0/33")).isEmpty();
        assertThat(IpRange.parse("example.com/8")).isEmpty();
        assertThat(List.of(IpRange.parse("0.0.0.0/0").orElseThrow().contains("8.8.8.8")))
                .containsExactly(true);
    }
}
