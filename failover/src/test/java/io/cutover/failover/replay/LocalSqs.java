package io.cutover.failover.replay;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ in this JVM on a free loopback port, with the real async SQS client pointed at it. */
final class LocalSqs implements AutoCloseable {

    final SQSRestServer server;
    final SqsAsyncClient client;
    final String queueUrl;
    final String deadLetterUrl;

    /** A retry queue whose redrive policy moves a message to the dead letters after {@code maxReceiveCount}. */
    LocalSqs(int maxReceiveCount) {
        this(maxReceiveCount, false);
    }

    /** The same with FIFO queues ({@code cutover-retry.fifo}, {@code cutover-retry-dead.fifo}). */
    LocalSqs(int maxReceiveCount, boolean fifo) {
        this.server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        this.client = SqsAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
        String suffix = fifo ? ".fifo" : "";
        Map<QueueAttributeName, String> kind = fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
        this.deadLetterUrl = client.createQueue(
                        r -> r.queueName("cutover-retry-dead" + suffix).attributes(kind))
                .join()
                .queueUrl();
        String deadArn = client.getQueueAttributes(
                        r -> r.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .join()
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> attributes = new java.util.HashMap<>(kind);
        attributes.put(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"" + maxReceiveCount + "\",\"deadLetterTargetArn\":\"" + deadArn + "\"}");
        this.queueUrl = client.createQueue(
                        r -> r.queueName("cutover-retry" + suffix).attributes(attributes))
                .join()
                .queueUrl();
    }

    void send(String body) {
        client.sendMessage(r -> {
                    r.queueUrl(queueUrl).messageBody(body);
                    if (queueUrl.endsWith(".fifo")) {
                        String id = Integer.toHexString(body.hashCode());
                        r.messageGroupId(id).messageDeduplicationId(id);
                    }
                })
                .join();
    }

    /** Every message now visible in {@code url}, received and left to come back after 1 s. */
    List<Message> peek(String url) {
        List<Message> out = new ArrayList<>();
        while (true) {
            List<Message> batch = client.receiveMessage(r -> r.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(1)
                            .messageAttributeNames("All"))
                    .join()
                    .messages();
            if (batch.isEmpty()) {
                return out;
            }
            out.addAll(batch);
        }
    }

    long depth(String url) {
        return Long.parseLong(client
                        .getQueueAttributes(r -> r.queueUrl(url)
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .join()
                        .attributes()
                        .entrySet()
                        .stream()
                        .mapToLong(e -> Long.parseLong(e.getValue()))
                        .sum()
                + "");
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
