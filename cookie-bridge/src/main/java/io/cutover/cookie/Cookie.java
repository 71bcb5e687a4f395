package io.cutover.cookie;

import java.util.Objects;

/**
 * One cookie of a request's {@code Cookie} header.
 *
 * @param name the cookie's name; empty for a nameless cookie (a piece without {@code =})
 * @param value the value as sent, surrounding double quotes included (RFC 6265 §4.1.1 makes them
 *     part of the value); see {@link #unquotedValue()}
 */
public record Cookie(String name, String value) {

    /** Checks both parts are present. */
    public Cookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The value without one pair of surrounding double quotes, if it has them. */
    public String unquotedValue() {
        int length = value.length();
        if (length >= 2 && value.charAt(0) == '"' && value.charAt(length - 1) == '"') {
            return value.substring(1, length - 1);
        }
        return value;
    }

    /** True when this is one of Awin's cookies ({@link AwinCookies}). */
    public boolean isAwin() {
        return AwinCookies.isAwin(name);
    }
}
