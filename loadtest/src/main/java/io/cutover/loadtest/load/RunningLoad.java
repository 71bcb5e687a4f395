package io.cutover.loadtest.load;

import java.time.Duration;

/**
 * A run under way: a scenario marks its fault windows on it while the load goes on, and waits for
 * its result.
 */
public interface RunningLoad extends AutoCloseable {

    /** Time since the run started. */
    Duration elapsed();

    /** Requests sent so far. */
    long sent();

    /** Opens a fault window named {@code name} now; {@link FaultHandle#end()} closes it. */
    FaultHandle fault(String name);

    /** Marks an instant (a reload, a kill) named {@code name} now. */
    void mark(String name);

    /** Stops sending now; requests in flight still get their answer or their timeout. */
    void stop();

    /** Waits for the run's end (bounded by the plan: duration, then one timeout) and returns what it measured. */
    LoadResult await() throws InterruptedException;

    /** Stops the run if it is still going and releases its threads. */
    @Override
    void close();

    /** An open fault window. */
    interface FaultHandle {
        /** Ends the window now (a second call does nothing). */
        void end();
    }
}
