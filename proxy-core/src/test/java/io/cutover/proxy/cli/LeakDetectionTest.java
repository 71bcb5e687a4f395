package io.cutover.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/** Netty's leak detector: off in production unless asked for, as asked for when it is. */
class LeakDetectionTest {

    private static final String PROPERTY = "io.netty.leakDetection.level";

    @Test
    void isOffUnlessTheSystemPropertyAsksForIt() {
        String asked = System.getProperty(PROPERTY);
        ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
        try {
            System.clearProperty(PROPERTY);
            CutoverMain.leakDetectionOffUnlessAsked();
            assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);

            // As the README has it: CUTOVER_JAVA_OPTS='-Dio.netty.leakDetection.level=simple', which
            // Netty reads when it starts.
            System.setProperty(PROPERTY, "simple");
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
            CutoverMain.leakDetectionOffUnlessAsked();
            assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.SIMPLE);
        } finally {
            if (asked == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, asked);
            }
            ResourceLeakDetector.setLevel(before);
        }
    }
}
