package io.cutover.loadtest.scenario;

import io.cutover.failover.queue.Spool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** How much is still on its way to a platform: messages in a queue, bytes in a spool. */
final class QueueDepth {

    private QueueDepth() {}

    /** Messages in the queue: visible, being delivered, or held back by a delay. */
    static long messages(SqsAsyncClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .join()
                .attributes();
        long total = 0;
        for (String value : attributes.values()) {
            total += Long.parseLong(value);
        }
        return total;
    }

    /** Messages being delivered or held back: invisible to a reader of the queue. */
    static long invisible(SqsAsyncClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .join()
                .attributes();
        long total = 0;
        for (String value : attributes.values()) {
            total += Long.parseLong(value);
        }
        return total;
    }

    /** Bytes in the spool's segments; an empty active segment holds none. */
    static long spooledBytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".spool")).toList()) {
                try {
                    total += Files.size(file);
                } catch (java.nio.file.NoSuchFileException drained) {
                    // deleted since the listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spool " + dir + ": unreadable", e);
        }
        return total;
    }

    /** The events in a spool folder. */
    static java.util.List<String> spooledEventIds(Path dir) {
        return Spool.contents(dir).stream().map(e -> e.eventId()).toList();
    }
}
