package io.cutover.proxy.config;

import java.time.Duration;

/**
 * What one HTTP/2 connection may ask of Cutover. A tracking click is one small GET: a browser
 * needs few streams at once and small headers, so the limits are tight.
 *
 * @param enabled whether ALPN offers {@code h2}; false serves HTTP/1.1 only over TLS
 * @param maxConcurrentStreams streams open at once per connection (SETTINGS_MAX_CONCURRENT_STREAMS);
 *     a stream beyond it is refused with RST_STREAM(REFUSED_STREAM)
 * @param maxHeaderListSize the largest header list accepted (SETTINGS_MAX_HEADER_LIST_SIZE, as
 *     HPACK counts it: name + value + 32 per field); a stream beyond it is answered 431
 * @param maxResetsPerWindow RST_STREAM frames a client may send per window before the connection
 *     is closed with GOAWAY(ENHANCE_YOUR_CALM): the rapid-reset flood, CVE-2023-44487
 * @param resetWindow the window those resets are counted in
 */
public record Http2Limits(
        boolean enabled,
        int maxConcurrentStreams,
        int maxHeaderListSize,
        int maxResetsPerWindow,
        Duration resetWindow) {}
