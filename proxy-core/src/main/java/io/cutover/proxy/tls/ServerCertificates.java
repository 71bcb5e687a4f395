package io.cutover.proxy.tls;

import io.cutover.proxy.config.TlsListenerSettings;
import io.cutover.proxy.reload.FileWatch;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener's certificates, as one immutable snapshot that a reload swaps whole: a new
 * connection's SNI name is looked up in the snapshot current at its ClientHello, so a certificate
 * replaced on disk is served to the next connection, and connections already open keep theirs.
 *
 * <p>A poll thread watches the files; a changed set that does not load (a key that is not the
 * certificate's, a half-written file) leaves the old snapshot
 * serving and is logged with the file, and is tried again when the files next change.
 */
public final class ServerCertificates implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerCertificates.class);

    /** Only these: TLS 1.0 and 1.1 are broken, and HTTP/2 requires 1.2 at least. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final TlsListenerSettings settings;
    private final AtomicReference<Snapshot> current;
    private final FileWatch watch;
    private final ReloadListener listener;
    private ScheduledExecutorService poller;

    /** Told of each reload's outcome (metrics). */
    public interface ReloadListener {
        void reloaded(boolean ok);

        ReloadListener NONE = ok -> {};
    }

    /**
     * The certificates in force, by SNI name.
     *
     * @param defaultContext served without SNI, or for a name no certificate covers
     * @param notAfter the earliest expiry among the served leaf certificates
     */
    record Snapshot(SslContext defaultContext, Mapping<String, SslContext> byName, Instant notAfter) {
        SslContext select(String hostname) {
            return hostname == null ? defaultContext : byName.map(hostname);
        }
    }

    private ServerCertificates(TlsListenerSettings settings, Snapshot first, ReloadListener listener) {
        this.settings = settings;
        this.current = new AtomicReference<>(first);
        this.listener = listener;
        this.watch = new FileWatch(() -> files(settings));
        this.watch.resync();
    }

    /**
     * Loads every certificate the settings name.
     *
     * @throws IllegalStateException naming the key and file that cannot be used
     */
    public static ServerCertificates load(TlsListenerSettings settings, ReloadListener listener) {
        return new ServerCertificates(settings, snapshot(settings), listener);
    }

    /** Starts polling the files for changes, every {@code tls.watch-interval}. */
    public synchronized void start() {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cutover-tls-watch");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.watchInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            if (watch.poll()) {
                watch.applied();
                reload();
            }
        } catch (RuntimeException e) {
            log.warn("tls: watching the certificate files failed", e);
        }
    }

    /**
     * Loads the files now and swaps them in; on failure the old certificates keep serving.
     *
     * @return whether the new certificates are in force
     */
    public boolean reload() {
        try {
            Snapshot next = snapshot(settings);
            current.set(next);
            log.info("tls: certificates reloaded (earliest expiry {})", next.notAfter());
            listener.reloaded(true);
            return true;
        } catch (RuntimeException e) {
            log.warn("tls: certificates not reloaded, the previous ones keep serving: {}", e.getMessage());
            listener.reloaded(false);
            return false;
        }
    }

    /** The context for a ClientHello's SNI name ({@code null}: none sent). */
    public SslContext select(String hostname) {
        return current.get().select(hostname);
    }

    /** The earliest expiry among the certificates served now. */
    public Instant notAfter() {
        return current.get().notAfter();
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    private static List<Path> files(TlsListenerSettings settings) {
        List<Path> files = new ArrayList<>();
        files.add(settings.certificate());
        files.add(settings.privateKey());
        files.addAll(settings.sniCertificates());
        return files;
    }

    private static Snapshot snapshot(TlsListenerSettings settings) {
        List<X509Certificate> chain = certificates("tls.certificate", settings.certificate());
        PrivateKey key = privateKey("tls.private-key", settings.privateKey(), chain.get(0));
        SslContext defaultContext = context("tls.certificate", settings.certificate(), key, chain, settings);
        Instant notAfter = chain.get(0).getNotAfter().toInstant();
        DomainWildcardMappingBuilder<SslContext> byName = new DomainWildcardMappingBuilder<>(defaultContext);
        for (String name : dnsNames(chain.get(0))) {
            byName.add(name, defaultContext);
        }
        for (Path file : settings.sniCertificates()) {
            List<X509Certificate> sniChain = certificates("tls.sni-certificates", file);
            PrivateKey sniKey = privateKey("tls.sni-certificates", file, sniChain.get(0));
            SslContext context = context("tls.sni-certificates", file, sniKey, sniChain, settings);
            List<String> names = dnsNames(sniChain.get(0));
            if (names.isEmpty()) {
                throw new IllegalStateException("tls.sni-certificates: " + file
                        + " (expected: a certificate with DNS subject alternative names to select it by)");
            }
            for (String name : names) {
                byName.add(name, context);
            }
            Instant expiry = sniChain.get(0).getNotAfter().toInstant();
            if (expiry.isBefore(notAfter)) {
                notAfter = expiry;
            }
        }
        return new Snapshot(defaultContext, byName.build(), notAfter);
    }

    private static List<X509Certificate> certificates(String key, Path file) {
        try {
            return PemFiles.certificates(file);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(key + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(String key, Path file, X509Certificate leaf) {
        try {
            PrivateKey privateKey = PemFiles.privateKey(file);
            PemFiles.requireMatch(file, privateKey, leaf);
            return privateKey;
        } catch (IllegalStateException e) {
            throw new IllegalStateException(key + ": " + e.getMessage(), e);
        }
    }

    private static SslContext context(
            String key, Path file, PrivateKey privateKey, List<X509Certificate> chain, TlsListenerSettings settings) {
        List<String> protocols = settings.http2().enabled()
                ? List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                : List.of(ApplicationProtocolNames.HTTP_1_1);
        try {
            return SslContextBuilder.forServer(privateKey, chain.toArray(new X509Certificate[0]))
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    // The suites HTTP/2 allows (RFC 9113 §9.2.2): forward-secret AEAD only.
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            protocols))
                    .build();
        } catch (SSLException | RuntimeException e) {
            throw new IllegalStateException(
                    key + ": " + file + " (expected: a certificate and key a TLS server can use: " + e.getMessage()
                            + ")",
                    e);
        }
    }

    /** The DNS names of a certificate's subject alternative names, lower case. */
    static List<String> dnsNames(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternatives;
        try {
            alternatives = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return names;
        }
        if (alternatives == null) {
            return names;
        }
        for (List<?> entry : alternatives) {
            // Type 2 is dNSName (RFC 5280 §4.2.1.6).
            if (entry.size() == 2 && Integer.valueOf(2).equals(entry.get(0)) && entry.get(1) instanceof String name) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
