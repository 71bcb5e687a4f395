package io.cutover.cookie;

/** The platform whose answer the bridge rewrites, which decides its cookies' format. */
public enum Platform {
    /** Awin: its cookies are the Awin format. */
    PRIMARY,
    /** ShareASale: its cookies are the legacy format. */
    LEGACY
}
