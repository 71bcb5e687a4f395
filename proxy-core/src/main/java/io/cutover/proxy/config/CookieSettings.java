package io.cutover.proxy.config;

import io.cutover.cookie.CookiePolicy;
import io.cutover.cookie.Phase;

/**
 * The cookie bridge's settings ({@code cookies.*}).
 *
 * @param defaultPhase the phase of merchants whose directory entry names none, and of requests
 *     naming no known merchant ({@code cookies.default-phase})
 * @param policy how cookies are scoped to the legacy host, capped and bounded, and which TCF
 *     vendor's consent is required
 */
public record CookieSettings(Phase defaultPhase, CookiePolicy policy) {}
