package io.cutover.loadtest.sim;

import java.util.Map;

/**
 * A simulated Awin tracking host ({@code www.awin1.com}), the proxy's primary backend:
 * {@code GET|HEAD /cread.php} answers a 302 to the landing with {@code awc} appended and sets the
 * {@code aw<mid>} cookie (none of either with {@code cons=0}); {@code /sread.img} answers the
 * 1×1 conversion pixel; any other path is a 404. See {@link SimulatedPlatform} for the faults,
 * the control API and the records.
 */
public final class SimulatedAwin extends SimulatedPlatform {

    /** The sandbox's fixed tracking port. */
    public static final int SANDBOX_TRACKING_PORT = 8081;

    /** The sandbox's fixed control port. */
    public static final int SANDBOX_CONTROL_PORT = 8091;

    /**
     * Default options and no configured landings: every advertiser lands on {@code
     * https://advertiser-<mid>.example/}.
     */
    public SimulatedAwin() {
        this(SimulatorOptions.defaults(), Map.of());
    }

    /**
     * @param options where and how to run
     * @param defaultLandings advertiser ID ({@code awinmid}) → landing URL for clicks without
     *     {@code ued}; an advertiser not listed lands on {@code https://advertiser-<mid>.example/}
     */
    public SimulatedAwin(SimulatorOptions options, Map<String, String> defaultLandings) {
        super(
                "simulated Awin",
                "sim-awin",
                options,
                new AwinRoutes(defaultLandings, options.clock(), new ClickIds(options.random())));
    }
}
