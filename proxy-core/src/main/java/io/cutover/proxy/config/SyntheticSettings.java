package io.cutover.proxy.config;

import java.time.Duration;

/**
 * The synthetic click: a designated test click sent through Cutover's own listener, the whole
 * chain, at an interval; its landing and its recorded event are checked.
 *
 * @param enabled whether the prober runs
 * @param interval time between two clicks
 * @param timeout the longest one click may take, answer and event check included
 * @param click the test link's path and query, e.g. {@code /r.cfm?b=1&u=2&m=3&urllink=...}: in
 *     production a link of Awin's test mode (a test merchant and publisher), in the sandbox one of
 *     the simulated merchants
 * @param expectLanding what the answer's {@code Location} must start with
 */
public record SyntheticSettings(
        boolean enabled, Duration interval, Duration timeout, String click, String expectLanding) {}
