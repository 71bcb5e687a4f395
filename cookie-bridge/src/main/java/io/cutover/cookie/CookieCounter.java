package io.cutover.cookie;

/** Told about every cookie the bridge leaves out; metrics count them. Called on the event loop: must not block. */
@FunctionalInterface
public interface CookieCounter {

    /** Counts nothing. */
    CookieCounter NONE = problem -> {};

    void ignored(CookieProblem problem);
}
