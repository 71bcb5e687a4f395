package io.cutover.loadtest.sim;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated tracking platform: a real HTTP/1.1 server for the platform's endpoints, a control
 * listener on its own port, faults on demand and a record of every request that reached it. The
 * two platforms differ only in what they answer; everything else lives here, once.
 *
 * <p>Lifecycle: construct, {@link #start()} (returns once both ports are bound), use, {@link
 * #close()}. The Java controls ({@link #fault(Fault)}, {@link #reset()}) wait until the change is
 * in force, so they must not be called from the simulator's own event loop.
 */
public abstract sealed class SimulatedPlatform implements AutoCloseable permits SimulatedAwin, SimulatedShareASale {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPlatform.class);

    /** How long a fault change may take; a re-bind or a close is milliseconds, so this is a hang. */
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final String threadPrefix;
    private final SimulatorOptions options;
    private final TrackingRoutes routes;
    private final RequestLog records = new RequestLog();
    private final HttpListener tracking;
    private final HttpListener control;
    private final FaultSwitch faults;

    private final Object lifecycle = new Object();
    private EventLoopGroup group;
    private boolean started;
    private boolean closed;

    SimulatedPlatform(String name, String threadPrefix, SimulatorOptions options, TrackingRoutes routes) {
        this.name = name;
        this.threadPrefix = threadPrefix;
        this.options = options;
        this.routes = routes;
        this.tracking = new HttpListener(
                name + " tracking listener",
                options.bindAddress(),
                options.tls().map(SimulatorTls::serverContext).orElse(null));
        this.control = new HttpListener(name + " control listener", options.bindAddress());
        this.faults = new FaultSwitch(tracking);
    }

    /**
     * Starts the event loop group and binds both listeners, waiting until they are bound.
     *
     * @throws IllegalStateException if already started or closed, or a port cannot be bound (the
     *     message names the address and port)
     */
    public final void start() {
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException(name + ": " + (closed ? "closed" : "already started"));
            }
            group = new MultiThreadIoEventLoopGroup(
                    options.eventLoopThreads(),
                    new DefaultThreadFactory(threadPrefix, true),
                    NioIoHandler.newFactory());
            try {
                tracking.bind(
                        group,
                        options.trackingPort(),
                        connectionId ->
                                new TrackingRequestHandler(connectionId, routes, faults, records, options.clock()));
                control.bind(group, options.controlPort(), connectionId -> new ControlRequestHandler(faults, records));
            } catch (RuntimeException bindFailure) {
                shutDown(group);
                closed = true;
                throw bindFailure;
            }
            started = true;
        }
        log.info("{}: tracking on {}, control on {}", name, trackingUri(), controlUri());
    }

    /** The port the tracking endpoints listen on (also while {@code down}: the port comes back). */
    public final int trackingPort() {
        requireStarted();
        return tracking.port();
    }

    /** The port of the control API. */
    public final int controlPort() {
        requireStarted();
        return control.port();
    }

    /** {@code http://<address>:<trackingPort>} ({@code https} with TLS), with no trailing slash. */
    public final URI trackingUri() {
        return uri(options.tls().isPresent() ? "https" : "http", trackingPort());
    }

    /** {@code http://<address>:<controlPort>}, with no trailing slash. */
    public final URI controlUri() {
        return uri(controlPort());
    }

    /** The fault in force. */
    public final Fault fault() {
        return faults.current();
    }

    /**
     * Puts {@code fault} in force and returns once it is: after {@code down}, the port refuses
     * connections and every earlier connection is closed; after leaving {@code down}, the same
     * port accepts again.
     *
     * @throws IllegalStateException if not started, called from the simulator's event loop, or
     *     the port cannot be bound again
     */
    public final void fault(Fault fault) {
        requireStarted();
        requireOffEventLoop("fault");
        try {
            faults.change(fault).get(CHANGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            throw cause instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException(name + ": cannot apply " + fault, cause);
        } catch (TimeoutException hung) {
            throw new IllegalStateException(name + ": " + fault + " not in force after " + CHANGE_TIMEOUT, hung);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while applying " + fault, interrupted);
        }
    }

    /** Every request that reached the tracking listener so far, in arrival order; an immutable copy. */
    public final List<ReceivedRequest> received() {
        return records.snapshot();
    }

    /** What it counted, de-duplicated by event ID as the real platform does. */
    public final EventStats stats() {
        return records.stats();
    }

    /** The event IDs it counted, each once however often it came. */
    public final java.util.Set<String> countedEvents() {
        return records.countedEvents();
    }

    /** Forgets the records (numbering restarts at 1) and returns to {@link Fault#ok()}. */
    public final void reset() {
        records.clear();
        if (isStarted()) {
            fault(Fault.ok());
        }
    }

    /** Closes both listeners and every connection, and waits for the event loop to stop. Idempotent. */
    @Override
    public final void close() {
        EventLoopGroup running;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = started ? group : null;
        }
        if (running != null) {
            requireOffEventLoop("close");
            shutDown(running);
            log.info("{}: closed", name);
        }
    }

    @Override
    public String toString() {
        synchronized (lifecycle) {
            if (!started || closed) {
                return name + (closed ? " (closed)" : " (not started)");
            }
        }
        return name + " (tracking " + trackingUri() + ", control " + controlUri() + ", " + fault() + ")";
    }

    private URI uri(int port) {
        return uri("http", port);
    }

    private URI uri(String scheme, int port) {
        String host = options.bindAddress().getHostAddress();
        return URI.create(scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
    }

    private boolean isStarted() {
        synchronized (lifecycle) {
            return started && !closed;
        }
    }

    private void requireStarted() {
        synchronized (lifecycle) {
            if (!started) {
                throw new IllegalStateException(name + ": not started");
            }
        }
    }

    /** Waiting on our own loop would deadlock: the change needs that loop to happen. */
    private void requireOffEventLoop(String operation) {
        EventLoopGroup running;
        synchronized (lifecycle) {
            running = group;
        }
        if (running == null) {
            return;
        }
        for (EventExecutor loop : running) {
            if (loop.inEventLoop()) {
                throw new IllegalStateException(name + ": " + operation
                        + "() waits for the simulator's event loop; call it from another thread");
            }
        }
    }

    private void shutDown(EventLoopGroup group) {
        // Unbind first: it waits until the ports are really free, which the group's shutdown alone
        // does not promise on NIO.
        CompletableFuture.allOf(tracking.unbind(), control.unbind())
                .completeOnTimeout(null, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        // No quiet period: nothing should be in flight, and tests start and stop many simulators.
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() * 2);
    }
}
