package io.cutover.proxy.flow;

import io.cutover.mapping.Mapped;
import io.cutover.mapping.MappingResult;
import io.cutover.mapping.Translator;
import io.cutover.mapping.Unmapped;
import io.cutover.mapping.directory.Merchant;
import io.cutover.mapping.query.Quoted;
import io.cutover.ops.metrics.RedirectMetrics;
import io.cutover.web.RedirectProblem;
import io.cutover.web.SafeRedirect;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every click answer: its {@code Location}, whoever wrote it (the primary,
 * legacy, or Cutover itself), passes the safe-redirect check for the click's merchant, or is
 * replaced by the merchant's default landing (the fallback page when the directory does not know
 * the merchant) and counted with its reason. A backend that relays a hostile deep link untouched
 * thus never turns the trusted legacy host into an open redirect.
 *
 * <p>The backend already counted the click, so its answer is kept (status, cookies); only the
 * target changes. Runs on the event loop: a directory look-up in memory and one scan of the value.
 */
public final class RedirectGuard {

    private static final Logger log = LoggerFactory.getLogger(RedirectGuard.class);

    /** Who wrote the {@code Location}. */
    public enum Source {
        PRIMARY,
        LEGACY,
        LOCAL;

        /** The metric tag. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Supplier<Translator> translator;
    private final String fallbackLanding;
    private final RedirectMetrics metrics;

    /**
     * @param translator the current translator, whose directory knows the merchants' domains
     * @param fallbackLanding where a click of an unknown merchant lands instead
     * @param metrics built with {@link #sources()} and {@link #reasons()}, or {@code null}
     */
    public RedirectGuard(Supplier<Translator> translator, String fallbackLanding, RedirectMetrics metrics) {
        this.translator = translator;
        this.fallbackLanding = fallbackLanding;
        this.metrics = metrics;
    }

    /** The {@code source} tags, in {@link Source} order. */
    public static List<String> sources() {
        List<String> tags = new ArrayList<>();
        for (Source source : Source.values()) {
            tags.add(source.tag());
        }
        return tags;
    }

    /** The {@code reason} tags, in {@link RedirectProblem} order. */
    public static List<String> reasons() {
        List<String> tags = new ArrayList<>();
        for (RedirectProblem problem : RedirectProblem.values()) {
            tags.add(problem.tag());
        }
        return tags;
    }

    /**
     * Checks the click answer's {@code Location} and replaces it when it fails.
     *
     * @return the problem found, or {@code null} when the answer had no {@code Location} or a safe one
     */
    public RedirectProblem enforce(FullHttpResponse response, Exchange exchange, Source source) {
        List<String> locations = response.headers().getAll(HttpHeaderNames.LOCATION);
        if (locations.isEmpty()) {
            return null;
        }
        Merchant merchant = merchant(exchange.mapping());
        RedirectProblem problem = locations.size() > 1
                ? RedirectProblem.REPEATED
                : SafeRedirect.check(locations.get(0), merchant == null ? SafeRedirect.ANY_HOST : merchant::allows);
        if (problem == null) {
            return null;
        }
        response.headers()
                .set(HttpHeaderNames.LOCATION, merchant == null ? fallbackLanding : merchant.defaultLanding());
        if (metrics != null) {
            metrics.replaced(source.ordinal(), problem.ordinal());
        }
        if (log.isDebugEnabled()) {
            log.debug(
                    "event {}: {} redirect replaced ({}): {}",
                    exchange.eventId(),
                    source.tag(),
                    problem.tag(),
                    Quoted.shown(locations.get(0), 200));
        }
        return problem;
    }

    private Merchant merchant(MappingResult mapping) {
        String id = null;
        if (mapping instanceof Mapped mapped) {
            id = mapped.merchantId();
        } else if (mapping instanceof Unmapped unmapped) {
            id = unmapped.merchantId().orElse(null);
        }
        if (id == null) {
            return null;
        }
        Optional<Merchant> found = translator.get().directory().merchant(id);
        return found.orElse(null);
    }
}
