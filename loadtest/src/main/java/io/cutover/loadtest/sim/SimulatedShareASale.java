package io.cutover.loadtest.sim;

import java.util.Map;

/**
 * A simulated ShareASale tracking host ({@code www.shareasale.com}), the proxy's legacy backend:
 * {@code r.cfm}, {@code u.cfm} and {@code m-pr.cfm} answer a 302 to the merchant landing with
 * {@code sscid} first in its query; {@code sale.cfm} answers the 1×1 pixel and {@code
 * /image/<m>/<file>} a small GIF; any other path is a 404. No cookie is set. See {@link
 * SimulatedPlatform} for the faults, the control API and the records.
 */
public final class SimulatedShareASale extends SimulatedPlatform {

    /** The sandbox's fixed tracking port. */
    public static final int SANDBOX_TRACKING_PORT = 8082;

    /** The sandbox's fixed control port. */
    public static final int SANDBOX_CONTROL_PORT = 8092;

    /**
     * Default options and no configured landings: every merchant lands on {@code
     * https://merchant-<m>.example/}.
     */
    public SimulatedShareASale() {
        this(SimulatorOptions.defaults(), Map.of());
    }

    /**
     * @param options where and how to run
     * @param defaultLandings ShareASale merchant ID ({@code m}) → landing URL for clicks without
     *     {@code urllink}; a merchant not listed lands on {@code https://merchant-<m>.example/}
     */
    public SimulatedShareASale(SimulatorOptions options, Map<String, String> defaultLandings) {
        super(
                "simulated ShareASale",
                "sim-shareasale",
                options,
                new ShareASaleRoutes(defaultLandings, new ClickIds(options.random())));
    }
}
