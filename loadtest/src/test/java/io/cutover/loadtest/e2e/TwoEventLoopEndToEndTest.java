package io.cutover.loadtest.e2e;

import org.junit.jupiter.api.Nested;

/** The whole end-to-end suite with two event loops: connections spread over both, each with its own origin pool. */
class TwoEventLoopEndToEndTest {

    private static final int LOOPS = 2;

    @Nested
    class Clicks extends ClickTest {
        @Override
        int eventLoops() {
            return LOOPS;
        }
    }

    @Nested
    class MessyLinks extends MessyLinkTest {
        @Override
        int eventLoops() {
            return LOOPS;
        }
    }

    @Nested
    class Failover extends FailoverTest {
        @Override
        int eventLoops() {
            return LOOPS;
        }
    }

    @Nested
    class Protocol extends ProtocolTest {
        @Override
        int eventLoops() {
            return LOOPS;
        }
    }
}
