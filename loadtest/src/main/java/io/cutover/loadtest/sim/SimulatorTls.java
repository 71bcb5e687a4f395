package io.cutover.loadtest.sim;

import io.cutover.proxy.tls.PemFiles;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * A simulator's tracking listener over HTTPS, HTTP/2 and HTTP/1.1 offered by ALPN, as the real
 * platforms serve: so a browser can reach the simulated Awin as {@code https://www.awin1.com},
 * and Cutover's HTTPS backend client is exercised against it.
 *
 * @param certificate the chain (PEM, leaf first), e.g. the sandbox's {@code cert.pem}
 * @param privateKey its key (PEM)
 */
public record SimulatorTls(Path certificate, Path privateKey) {

    public SimulatorTls {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** The server context, read from the files now. */
    SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(
                            PemFiles.privateKey(privateKey),
                            PemFiles.certificates(certificate).toArray(new X509Certificate[0]))
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(
                    "simulator TLS: " + certificate + " (expected: a usable certificate and key: " + e.getMessage()
                            + ")",
                    e);
        }
    }
}
