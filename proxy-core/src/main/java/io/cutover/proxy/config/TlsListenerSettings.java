package io.cutover.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The HTTPS listener: TLS 1.2 and 1.3 only, HTTP/2 and HTTP/1.1 offered by ALPN, the certificate
 * chosen by SNI, every certificate reloaded from its files when they change.
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one (tests)
 * @param certificate the default certificate chain (PEM, leaf first), served when the client's
 *     SNI name matches no other certificate or it sends none
 * @param privateKey the default certificate's private key (PEM, PKCS#8; PKCS#1 and SEC1 too)
 * @param sniCertificates more certificates, each a PEM file holding the chain and its key; each
 *     serves the host names of its leaf's DNS subject alternative names
 * @param watchInterval how often the files are checked for changes
 * @param http2 the HTTP/2 limits, or whether HTTP/2 is offered at all
 */
public record TlsListenerSettings(
        String host,
        int port,
        Path certificate,
        Path privateKey,
        List<Path> sniCertificates,
        Duration watchInterval,
        Http2Limits http2) {

    public TlsListenerSettings {
        sniCertificates = List.copyOf(sniCertificates);
    }
}
