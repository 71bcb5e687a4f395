package io.cutover.ops.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The live failover dashboard: one self-contained page (HTML, CSS and script inline, nothing
 * loaded from anywhere else) that polls {@code /admin/state} on the same listener once a second.
 * Read from the class path once.
 */
public final class Dashboard {

    public static final String CONTENT_TYPE = "text/html; charset=utf-8";

    private static final String RESOURCE = "index.html";
    private static final byte[] PAGE = load();

    private Dashboard() {}

    /** The page's bytes; callers must not change them. */
    public static byte[] page() {
        return PAGE;
    }

    private static byte[] load() {
        try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page " + RESOURCE + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
