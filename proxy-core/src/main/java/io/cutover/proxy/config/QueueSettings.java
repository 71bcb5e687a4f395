package io.cutover.proxy.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The SQS retry queue that every locally answered event goes to.
 *
 * @param url the queue's URL; empty means no queue: local answers are kept in the spool only,
 *     until a queue is configured
 * @param region the queue's AWS region
 * @param endpoint an SQS-compatible endpoint instead of AWS's (ElasticMQ in the sandbox)
 * @param anonymous unsigned requests, for local SQS-compatible servers; otherwise credentials
 *     come from the AWS default provider chain
 * @param maxBatch the most events per {@code SendMessageBatch} (1 to 10)
 * @param linger the longest an event waits for others to share its batch
 * @param ackTimeout the longest an answer waits for SQS before the event is spooled instead; it
 *     is kept out of the request's deadline, so the answer still comes in time
 * @param drainInterval how often the spool is drained to SQS, and SQS probed after an outage
 */
public record QueueSettings(
        Optional<URI> url,
        String region,
        Optional<URI> endpoint,
        boolean anonymous,
        int maxBatch,
        Duration linger,
        Duration ackTimeout,
        Duration drainInterval) {}
