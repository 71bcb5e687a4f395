package io.cutover.proxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Records every leak Netty's detector reports, so a test class can assert there were none. The
 * recorder is installed when the JUnit launcher opens (it is registered as a {@link
 * LauncherSessionListener} service, in this test-jar so that every module testing Netty code gets
 * it), before any class creates Netty's buffer leak detector; a test class opts into the check
 * with {@code @ExtendWith(NettyLeaks.class)}. Tests run at {@code paranoid} level (the parent pom
 * sets it), so every buffer is tracked.
 */
public final class NettyLeaks implements LauncherSessionListener, AfterAllCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        assertNoLeaks();
    }

    static synchronized void install() {
        assertThat(ResourceLeakDetector.getLevel())
                .as("-Dio.netty.leakDetection.level")
                .isEqualTo(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    /** Collects garbage, lets the detector see it, and fails on any leak reported so far. */
    public static void assertNoLeaks() throws InterruptedException {
        for (int round = 0; round < 5 && LEAKS.isEmpty(); round++) {
            System.gc();
            Thread.sleep(20);
            // The detector reports collected-but-unreleased buffers when it tracks the next one.
            for (int i = 0; i < 64; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                pooled.release();
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
                unpooled.release();
            }
        }
        assertThat(LEAKS).as("Netty buffer leaks").isEmpty();
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {

        @Override
        @SuppressWarnings("deprecation") // abstract in the factory, so it must be implemented
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            return newResourceLeakDetector(resource, samplingInterval);
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return new ResourceLeakDetector<>(resource, samplingInterval) {
                @Override
                protected boolean needReport() {
                    // Report even when no logger is bound at error level.
                    return true;
                }

                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    LEAKS.add(resourceType + " leaked:" + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    LEAKS.add(resourceType + " leaked (untraced)");
                    super.reportUntracedLeak(resourceType);
                }
            };
        }
    }
}
