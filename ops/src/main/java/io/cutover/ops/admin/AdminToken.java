package io.cutover.ops.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The bearer token every changing admin call must carry. It is kept only as its SHA-256 digest
 * and compared with {@link MessageDigest#isEqual} over digests, so the comparison takes the same
 * time whatever the candidate's length or how much of it matches. {@link #toString} never shows
 * it: a token that reaches a log line, an exception or a config echo shows as {@value #REDACTED}.
 */
public final class AdminToken {

    /** What a token looks like wherever it would be printed. */
    public static final String REDACTED = "[redacted]";

    /** Shorter tokens are refused: they could be guessed. */
    public static final int MIN_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * A token from its text.
     *
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_LENGTH} characters or
     *     holds characters a header cannot carry (the message does not contain the token)
     */
    public static AdminToken of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "a token of " + token.length() + " characters (expected: at least " + MIN_LENGTH + ")");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException(
                        "a token with a space or control character (expected: printable ASCII, no spaces)");
            }
        }
        return new AdminToken(sha256(token));
    }

    /** 32 random bytes as URL-safe Base64 (43 characters), for a sandbox that was given none. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Whether an {@code Authorization} header value is {@code Bearer <this token>}. The scheme is
     * matched case-insensitively (RFC 9110 §11.1); {@code null} or any other shape is refused.
     */
    public boolean authorizes(String authorization) {
        if (authorization == null) {
            return false;
        }
        String value = authorization.trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(value.substring(7).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
