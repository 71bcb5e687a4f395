package io.cutover.cookie;

/** Why a cookie was left out; each is counted, none is fatal to the request. */
public enum CookieProblem {
    /** A control character, no name-value pair, or a name that is not a token. */
    MALFORMED("malformed"),
    /** Name and value longer than the configured bound. */
    OVERSIZE("oversize"),
    /** Past the configured number of cookies in one header or response. */
    TOO_MANY("too_many"),
    /** A {@code __Secure-} or {@code __Host-} cookie that plain HTTP cannot set (RFC 6265bis §4.1.3). */
    INSECURE_PREFIX("insecure_prefix"),
    /** A TCF consent string that could not be read, taken as a refusal. */
    UNREADABLE_CONSENT("unreadable_consent");

    private final String tag;

    CookieProblem(String tag) {
        this.tag = tag;
    }

    /** The metric tag. */
    public String tag() {
        return tag;
    }
}
