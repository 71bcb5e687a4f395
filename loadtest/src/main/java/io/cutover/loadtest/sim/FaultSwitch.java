package io.cutover.loadtest.sim;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Holds the fault in force on a tracking listener and carries out changes one at a time. Most
 * changes only swap the value the handlers read per request; entering {@code down} closes the
 * listener and its connections, and leaving it binds the same port again.
 *
 * <p>Changes are chained, never waited on here, so the control API can change the fault from the
 * event loop that the listener itself uses.
 */
final class FaultSwitch {

    private final HttpListener tracking;
    private volatile Fault current = Fault.ok();
    private CompletableFuture<Fault> lastChange = CompletableFuture.completedFuture(Fault.ok());

    FaultSwitch(HttpListener tracking) {
        this.tracking = tracking;
    }

    /** The fault to apply to a request arriving now. */
    Fault current() {
        return current;
    }

    /** Queues a change after any change still in progress; completes with the fault once in force. */
    synchronized CompletableFuture<Fault> change(Fault next) {
        lastChange = lastChange.handle((previous, failure) -> null).thenCompose(ignored -> apply(next));
        return lastChange;
    }

    private CompletableFuture<Fault> apply(Fault next) {
        Fault previous = current;
        boolean wasDown = previous.mode() == FaultMode.DOWN;
        boolean goesDown = next.mode() == FaultMode.DOWN;
        // Publish first: a request already read on a doomed connection must see "down", and no
        // request can arrive before a re-bind completes.
        current = next;
        if (goesDown && !wasDown) {
            return tracking.unbind().thenApply(closed -> next);
        }
        if (wasDown && !goesDown) {
            return tracking.rebind().handle((bound, failure) -> {
                if (failure != null) {
                    current = previous;
                    throw new CompletionException(failure);
                }
                return next;
            });
        }
        return CompletableFuture.completedFuture(next);
    }
}
