package io.cutover.loadtest.sandbox;

import io.cutover.proxy.config.SqsSettings;
import io.cutover.proxy.replay.SqsClients;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The sandbox's SQS: ElasticMQ in this process on loopback, with the retry queue {@value #QUEUE}
 * and its dead-letter queue {@value #DEAD_LETTERS} (redrive policy: {@code maxReceiveCount}
 * above the replayer's {@code max-receives}, so the replayer moves failing messages itself, with
 * their error). Cutover reaches it through the real AWS client, as it would reach SQS.
 */
public final class SandboxQueue implements AutoCloseable {

    /** ElasticMQ's usual port. */
    public static final int SANDBOX_PORT = 9324;

    public static final String QUEUE = "cutover-retry";
    public static final String DEAD_LETTERS = "cutover-retry-dead";

    private final SQSRestServer server;
    private final int port;
    private final SqsAsyncClient client;
    private final String queueUrl;
    private final String deadLetterUrl;

    private SandboxQueue(SQSRestServer server, int port, SqsAsyncClient client, String queueUrl, String deadLetterUrl) {
        this.server = server;
        this.port = port;
        this.client = client;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
    }

    /**
     * Starts ElasticMQ on 127.0.0.1 and creates both queues.
     *
     * @param port the port, 0 for a free one
     * @param maxReceiveCount the retry queue's redrive {@code maxReceiveCount}
     */
    public static SandboxQueue start(int port, int maxReceiveCount) {
        TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface("127.0.0.1");
        SQSRestServer server;
        try {
            server = (port == 0 ? builder.withDynamicPort() : builder.withPort(port)).start();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "sandbox SQS: cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                            + "); pick another with --sqs-port",
                    e);
        }
        int bound = server.waitUntilStarted().localAddress().getPort();
        SqsAsyncClient client = SqsClients.create(new SqsSettings(
                Optional.empty(), Optional.of(URI.create("http://127.0.0.1:" + bound)), Optional.empty()));
        try {
            String dead =
                    client.createQueue(r -> r.queueName(DEAD_LETTERS)).join().queueUrl();
            String deadArn = client.getQueueAttributes(
                            r -> r.queueUrl(dead).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .join()
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            String redrive =
                    "{\"maxReceiveCount\":\"" + maxReceiveCount + "\",\"deadLetterTargetArn\":\"" + deadArn + "\"}";
            String queue = client.createQueue(
                            r -> r.queueName(QUEUE).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive)))
                    .join()
                    .queueUrl();
            return new SandboxQueue(server, bound, client, queue, dead);
        } catch (RuntimeException e) {
            client.close();
            server.stopAndWait();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}: the {@code queue.endpoint} Cutover uses. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String deadLetterUrl() {
        return deadLetterUrl;
    }

    /** A client of this queue, for tests and tools; closed with the queue. */
    public SqsAsyncClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
