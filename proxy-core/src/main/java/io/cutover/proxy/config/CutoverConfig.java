package io.cutover.proxy.config;

import io.cutover.failover.replay.ReplaySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything Cutover needs to start, validated: {@link ConfigLoader} builds it from {@code
 * cutover.yaml} and {@code CUTOVER_*} environment variables.
 *
 * @param server the client-facing listener
 * @param admin the operators' listener
 * @param primary the primary platform (Awin)
 * @param legacy the legacy platform (ShareASale); empty once it is retired
 * @param deadlines end-to-end budgets
 * @param mappingFiles the mapping tables; empty means the table built into Cutover
 * @param directoryFile the legacy → Awin ID directory; empty means the built-in sample (sandbox
 *     only, and only when asked for by name)
 * @param cookieDomain the {@code Domain} given to cookies relayed from the backends; empty means
 *     host-only cookies on whatever host the shopper's browser used
 * @param fallbackLanding where a click lands when no backend answers and its merchant is unknown
 * @param accessLog {@code stdout}, {@code off}, or a file path
 * @param queue the SQS retry queue for locally answered events
 * @param spool the local spool used while SQS cannot take them
 * @param guards each backend's breaker, bulkhead and retries
 * @param unknownAffiliate what clicks of affiliates missing from the directory become
 * @param directory the directory's store and cache, and how mapping and directory reload
 * @param replay how queued events are replayed
 * @param tls the HTTPS listener and the backends' trusted CAs
 * @param cookies the cookie bridge: phases, scoping, lifetimes, limits and consent
 * @param control the admin token and the drain bound
 * @param ops traces, the synthetic click, and the queue depth poll
 * @param edge the client listener's head deadline, connection caps and trusted proxies
 * @param rateLimit the per-client request rate
 */
public record CutoverConfig(
        ServerSettings server,
        AdminSettings admin,
        BackendSettings primary,
        Optional<BackendSettings> legacy,
        Deadlines deadlines,
        List<Path> mappingFiles,
        Optional<Path> directoryFile,
        Optional<String> cookieDomain,
        String fallbackLanding,
        String accessLog,
        QueueSettings queue,
        SpoolSettings spool,
        BackendGuards guards,
        UnknownAffiliateSettings unknownAffiliate,
        DirectorySettings directory,
        ReplaySettings replay,
        TlsSettings tls,
        CookieSettings cookies,
        ControlSettings control,
        OpsSettings ops,
        EdgeSettings edge,
        RateLimitSettings rateLimit) {

    public CutoverConfig {
        mappingFiles = List.copyOf(mappingFiles);
    }
}
