package io.cutover.proxy.cli;

import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.BackendSettings;
import io.cutover.proxy.config.CutoverConfig;

/** The lines a server prints once it is listening: where it listens and where it forwards. */
public final class StartupBanner {

    private StartupBanner() {}

    public static String describe(Cutover cutover) {
        CutoverConfig config = cutover.config();
        StringBuilder out = new StringBuilder();
        out.append("cutover: listening on ")
                .append(config.server().host())
                .append(':')
                .append(cutover.port())
                .append(" (")
                .append(cutover.transport())
                .append(", ")
                .append(cutover.eventLoops())
                .append(" event loops)\n");
        if (cutover.tlsPort() > 0) {
            config.tls()
                    .listener()
                    .ifPresent(tls -> out.append("cutover: HTTPS on ")
                            .append(tls.host())
                            .append(':')
                            .append(cutover.tlsPort())
                            .append(" (TLS 1.3/1.2, ")
                            .append(tls.http2().enabled() ? "HTTP/2 and HTTP/1.1" : "HTTP/1.1")
                            .append("), certificate ")
                            .append(tls.certificate())
                            .append('\n'));
        }
        if (cutover.adminPort() > 0) {
            out.append("cutover: admin on http://")
                    .append(config.admin().host())
                    .append(':')
                    .append(cutover.adminPort())
                    .append("/ (metrics, healthz, readyz)\n");
        }
        out.append("cutover: primary ").append(describe(config.primary())).append('\n');
        out.append("cutover: legacy  ")
                .append(config.legacy()
                        .map(StartupBanner::describe)
                        .orElse("none (retired): clicks it cannot serve are answered locally"))
                .append('\n');
        out.append("cutover: retry queue ")
                .append(config.queue().url().map(Object::toString).orElse("none: local answers are only spooled"))
                .append(", spool ")
                .append(config.spool().dir())
                .append('\n');
        out.append("cutover: deadline per click ")
                .append(config.deadlines().click().toMillis())
                .append(" ms");
        return out.toString();
    }

    private static String describe(BackendSettings backend) {
        String host = backend.hostHeader().equals(backend.host())
                        || backend.hostHeader().startsWith(backend.host() + ":")
                ? ""
                : " (Host: " + backend.hostHeader() + ")";
        return backend.url() + host;
    }
}
