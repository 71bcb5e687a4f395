package io.cutover.proxy.replay;

import io.cutover.proxy.config.QueueSettings;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The SQS client of the replay side, built from the same {@code queue.*} keys as the retry queue's. */
public final class SqsClients {

    /** Longer than SQS's longest long poll (20 s), so a receive is never cut short. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private SqsClients() {}

    /**
     * The async client: {@code queue.region}, {@code queue.endpoint} when set (an SQS-compatible
     * server), credentials from the AWS default provider chain or none ({@code queue.credentials:
     * anonymous}).
     */
    public static SqsAsyncClient create(QueueSettings queue) {
        return io.cutover.failover.queue.SqsClients.create(
                queue.region(), queue.endpoint().orElse(null), queue.anonymous(), CALL_TIMEOUT);
    }
}
