package io.cutover.cookie;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cookie bridge between the shopper's browser, which only ever talks to the legacy tracking
 * host, and the two platforms behind it.
 *
 * <p>Requests: the browser's {@code Cookie} header is split, Awin's cookies (stored on the legacy
 * host under the names Awin set) to the primary, every other to legacy, each side bounded in
 * count and size; what is left out is counted, never fatal.
 *
 * <p>Answers: each backend {@code Set-Cookie} is kept or dropped by the merchant's {@link Phase}
 * (Awin's cookies are the Awin format, legacy's the legacy format), then scoped to the legacy
 * host ({@link SetCookieScope}). When Awin answered a click and the phase writes the legacy
 * format, Cutover adds the legacy click cookie ({@link CookiePolicy#legacyClickCookie()}) holding
 * Awin's click reference, and puts {@code sscid} beside {@code awc} on the landing URL. With
 * consent refused, no tracking cookie at all is written.
 *
 * <p>Plain functions over strings; safe from any thread.
 */
public final class CookieBridge {

    private final CookiePolicy policy;
    private final SetCookieScope scope;
    private final CookieCounter counter;

    public CookieBridge(CookiePolicy policy, Clock clock, CookieCounter counter) {
        this.policy = policy;
        this.scope = new SetCookieScope(policy, clock);
        this.counter = counter;
    }

    public CookiePolicy policy() {
        return policy;
    }

    /** The {@code Cookie} header for the primary: Awin's cookies, bounded; empty when there are none. */
    public Optional<String> forPrimary(String cookieHeader) {
        return select(cookieHeader, true);
    }

    /** The {@code Cookie} header for legacy: every cookie but Awin's, bounded; empty when there are none. */
    public Optional<String> forLegacy(String cookieHeader) {
        return select(cookieHeader, false);
    }

    /**
     * The cookies and landing for a click or pixel answer.
     *
     * @param answered which platform's answer this is
     * @param setCookies its {@code Set-Cookie} values
     * @param location its {@code Location}, or null
     */
    public BridgedAnswer answer(Platform answered, ClickContext context, List<String> setCookies, String location) {
        if (context.consent().unreadable()) {
            counter.ignored(CookieProblem.UNREADABLE_CONSENT);
        }
        Phase phase = context.phase();
        boolean keep = !context.consent().refused()
                && (answered == Platform.PRIMARY ? phase.writesAwinCookies() : phase.writesLegacyCookies());
        List<String> out = new ArrayList<>();
        long awinClickMaxAge = -1;
        if (keep) {
            for (String setCookie : setCookies) {
                if (out.size() >= policy.maxCookies()) {
                    counter.ignored(CookieProblem.TOO_MANY);
                    continue;
                }
                scope.rewrite(setCookie, context.host(), context.secure(), counter)
                        .ifPresent(out::add);
            }
        }
        String awc = answered == Platform.PRIMARY ? LandingParams.value(location, "awc") : null;
        if (awc != null && !context.consent().refused()) {
            if (phase.writesLegacyCookies() && context.merchantId() != null && out.size() < policy.maxCookies()) {
                long maxAge = awinMaxAge(setCookies, awc);
                String legacy = policy.legacyClickCookieName(context.merchantId()) + "=" + awc + "; Max-Age="
                        + (maxAge >= 0 ? maxAge : policy.legacyClickLifetime().toSeconds()) + "; HttpOnly";
                scope.rewrite(legacy, context.host(), context.secure(), counter).ifPresent(out::add);
            }
            if (phase.landingCarriesSscid()) {
                location = LandingParams.with(location, "sscid", awc);
            }
        }
        return new BridgedAnswer(out, location);
    }

    /**
     * The {@code Set-Cookie}s of an answer that is not a tracked click or pixel (legacy's pages),
     * scoped to the legacy host and bounded, with no phase applied.
     */
    public List<String> passThrough(List<String> setCookies, String host, boolean secure) {
        List<String> out = new ArrayList<>();
        for (String setCookie : setCookies) {
            if (out.size() >= policy.maxCookies()) {
                counter.ignored(CookieProblem.TOO_MANY);
                continue;
            }
            scope.rewrite(setCookie, host, secure, counter).ifPresent(out::add);
        }
        return out;
    }

    /** The Max-Age of Awin's cookie holding this click reference, so both formats expire together; -1 if none. */
    private static long awinMaxAge(List<String> setCookies, String awc) {
        for (String setCookie : setCookies) {
            int eq = setCookie.indexOf('=');
            if (eq > 0 && AwinCookies.isAwin(setCookie.substring(0, eq).trim()) && setCookie.startsWith(awc, eq + 1)) {
                String lower = setCookie.toLowerCase(java.util.Locale.ROOT);
                int at = lower.indexOf("max-age=");
                if (at > 0) {
                    int end = at + 8;
                    while (end < lower.length() && Character.isDigit(lower.charAt(end))) {
                        end++;
                    }
                    if (end > at + 8 && end - at - 8 <= 12) {
                        return Long.parseLong(lower.substring(at + 8, end));
                    }
                }
            }
        }
        return -1;
    }

    private Optional<String> select(String header, boolean awin) {
        if (header == null || header.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(Math.min(header.length(), 8192));
        int kept = 0;
        int length = header.length();
        int pos = 0;
        while (pos <= length) {
            int semicolon = header.indexOf(';', pos);
            int end = semicolon < 0 ? length : semicolon;
            int start = HttpText.skipWhitespace(header, pos, end);
            int stop = HttpText.trimEnd(header, start, end);
            pos = end + 1;
            if (start == stop) {
                continue;
            }
            int eq = HttpText.indexOf(header, '=', start, stop);
            boolean isAwin = eq >= 0 && AwinCookies.isAwin(header, start, HttpText.trimEnd(header, start, eq));
            if (isAwin != awin) {
                continue;
            }
            if (HttpText.hasControl(header, start, stop)) {
                counter.ignored(CookieProblem.MALFORMED);
            } else if (stop - start > policy.maxCookieBytes()) {
                counter.ignored(CookieProblem.OVERSIZE);
            } else if (kept >= policy.maxCookies()) {
                counter.ignored(CookieProblem.TOO_MANY);
            } else {
                if (kept++ > 0) {
                    out.append("; ");
                }
                out.append(header, start, stop);
            }
        }
        return kept == 0 ? Optional.empty() : Optional.of(out.toString());
    }
}
