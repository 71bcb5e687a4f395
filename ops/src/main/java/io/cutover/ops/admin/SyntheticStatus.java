package io.cutover.ops.admin;

/**
 * Where the synthetic click stands, for the {@code synthetic} field of {@code GET /admin/state}
 * and the dashboard: a prober that sends a designated test click through the whole chain
 * implements it. Called on the admin loop at every poll: it must return what is already known,
 * never probe.
 */
@FunctionalInterface
public interface SyntheticStatus {

    /**
     * The last probe as one JSON object. The dashboard reads {@code enabled} (boolean), {@code ok}
     * (boolean, or null before the first probe), {@code lastAt} (epoch milliseconds) and {@code
     * detail} (text); other fields are shown as they are.
     */
    String toJson();

    /** No prober runs. */
    SyntheticStatus NONE = () -> "{\"enabled\":false}";
}
