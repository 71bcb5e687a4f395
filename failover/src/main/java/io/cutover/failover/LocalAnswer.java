package io.cutover.failover;

import java.nio.charset.StandardCharsets;

/**
 * What Cutover answers by itself when no backend did: a redirect for a click, a pixel for a
 * conversion, a 502 for anything passed through. Transport-neutral; the server turns it into a
 * response.
 *
 * @param status the HTTP status
 * @param location the redirect target, or {@code null}
 * @param contentType the body's media type, or {@code null} for no body
 * @param body the body
 */
public record LocalAnswer(int status, String location, String contentType, byte[] body) {

    /** The body; a copy, so no caller can change the shared pixel for every later answer. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The 43-byte transparent 1×1 GIF that conversion pixels answer with. */
    private static final byte[] PIXEL_GIF = {
        0x47,
        0x49,
        0x46,
        0x38,
        0x39,
        0x61,
        0x01,
        0x00,
        0x01,
        0x00,
        (byte) 0x80,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        (byte) 0xff,
        (byte) 0xff,
        (byte) 0xff,
        0x21,
        (byte) 0xf9,
        0x04,
        0x01,
        0x00,
        0x00,
        0x00,
        0x00,
        0x2c,
        0x00,
        0x00,
        0x00,
        0x00,
        0x01,
        0x00,
        0x01,
        0x00,
        0x00,
        0x02,
        0x02,
        0x44,
        0x01,
        0x00,
        0x3b
    };

    private static final byte[] EMPTY = new byte[0];

    private static final LocalAnswer PIXEL = new LocalAnswer(200, null, "image/gif", PIXEL_GIF);

    /**
     * A 302 to a landing page. The caller guarantees a safe location (the mapping's safe landing
     * or the validated fallback page); it is checked again here because it becomes a header.
     */
    public static LocalAnswer redirect(String location) {
        if (!ResponsePolicy.isSafeLocation(location)) {
            throw new IllegalArgumentException(
                    "location: unsafe redirect target (expected: absolute http(s) URL without control characters)");
        }
        return new LocalAnswer(302, location, null, EMPTY);
    }

    /** The 1×1 transparent GIF a conversion pixel answers with. */
    public static LocalAnswer pixel() {
        return PIXEL;
    }

    /** A 502 with a one-line reason, for requests that have no local answer. */
    public static LocalAnswer unavailable(String reason) {
        return new LocalAnswer(
                502, null, "text/plain; charset=utf-8", (reason + '\n').getBytes(StandardCharsets.UTF_8));
    }
}
