package io.cutover.loadtest.sqs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cutover.failover.queue.SqsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Function0;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The sandbox's SQS: ElasticMQ in this process, reached through a {@link FaultRelay} on the SQS
 * port, with a control listener that switches the outage ({@code POST /fault?mode=down|ok}) and
 * shows the queues' depths ({@code GET /queues}). It creates the retry queue {@value #QUEUE} and
 * its dead-letter queue {@value #DEAD_LETTERS} (a redrive policy after {@value #MAX_RECEIVES}
 * receives).
 *
 * <p>With a data folder, ElasticMQ keeps its queues and messages there (H2 files) and listens on
 * its own port behind the relay (by default the SQS port + 2); without one (tests), it keeps them
 * in memory on a free port.
 */
public final class SandboxSqs implements AutoCloseable {

    public static final String QUEUE = "cutover-retry";
    public static final String DEAD_LETTERS = "cutover-retry-dead";
    // A backstop far above the replayer's own replay.max-receives: the replayer dead-letters a
    // message itself first, with its last error; this bound catches a replayer that never could,
    // and an event whose platform stayed unreachable for a hundred receives.
    public static final int MAX_RECEIVES = 100;

    /** The region ElasticMQ names in its ARNs. */
    public static final String REGION = "elasticmq";

    private static final String ACCOUNT = "000000000000";
    private static final Logger log = LoggerFactory.getLogger(SandboxSqs.class);

    private final Runnable stopElasticMq;
    private final FaultRelay relay;
    private final HttpServer control;
    private final SqsAsyncClient client;
    private final String queueUrl;
    private final String deadLetterUrl;

    private SandboxSqs(
            Runnable stopElasticMq,
            FaultRelay relay,
            HttpServer control,
            SqsAsyncClient client,
            String queueUrl,
            String deadLetterUrl) {
        this.stopElasticMq = stopElasticMq;
        this.relay = relay;
        this.control = control;
        this.client = client;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
    }

    /**
     * @param port the SQS port clients use (0 = free)
     * @param controlPort the fault-control port (0 = free)
     * @param storePort ElasticMQ's own port when it keeps messages on disk; 0 = {@code port + 2}
     * @param dataDir where ElasticMQ keeps its messages, or {@code null} for memory
     */
    public static SandboxSqs start(int port, int controlPort, int storePort, Path dataDir) {
        Runnable stop;
        int elasticPort;
        if (dataDir == null) {
            SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withAWSRegion(REGION)
                    .withAWSAccountId(ACCOUNT)
                    .start();
            elasticPort = server.waitUntilStarted().localAddress().getPort();
            stop = server::stopAndWait;
        } else {
            if (port == 0) {
                throw new IllegalArgumentException("--sqs-port: 0 (expected: a fixed port when --data is given)");
            }
            elasticPort = storePort == 0 ? port + 2 : storePort;
            stop = persistent(elasticPort, dataDir);
        }
        FaultRelay relay = null;
        HttpServer control = null;
        SqsAsyncClient client = null;
        try {
            relay = FaultRelay.start("127.0.0.1", port, elasticPort);
            URI endpoint = URI.create("http://127.0.0.1:" + relay.port());
            client = SqsClients.create("eu-west-1", endpoint, true, Duration.ofSeconds(5));
            String dead = createQueue(client, DEAD_LETTERS, Map.of());
            String deadArn = client.getQueueAttributes(
                            b -> b.queueUrl(dead).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .join()
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            String queue = createQueue(
                    client,
                    QUEUE,
                    Map.of(
                            QueueAttributeName.REDRIVE_POLICY,
                            "{\"deadLetterTargetArn\":\"" + deadArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES
                                    + "\"}"));
            control = control(controlPort, relay, client, queue, dead);
            return new SandboxSqs(
                    stop,
                    relay,
                    control,
                    client,
                    endpoint + "/" + ACCOUNT + "/" + QUEUE,
                    endpoint + "/" + ACCOUNT + "/" + DEAD_LETTERS);
        } catch (RuntimeException e) {
            if (control != null) {
                control.stop(0);
            }
            if (client != null) {
                client.close();
            }
            if (relay != null) {
                relay.close();
            }
            stop.run();
            throw e;
        }
    }

    /** ElasticMQ with its queues and messages in H2 files under {@code dataDir}. */
    private static Runnable persistent(int elasticPort, Path dataDir) {
        String h2 = dataDir.toAbsolutePath().resolve("elasticmq").toString().replace("\\", "/");
        Config config = ConfigFactory.parseString("""
                        node-address { protocol = http, host = 127.0.0.1, port = %d, context-path = "" }
                        rest-sqs { enabled = true, bind-port = %d, bind-hostname = "127.0.0.1", sqs-limits = strict }
                        generate-node-address = false
                        aws { region = "%s", accountId = "%s" }
                        messages-storage { enabled = true, uri = "jdbc:h2:%s" }
                        """.formatted(elasticPort, elasticPort, REGION, ACCOUNT, h2))
                .withFallback(ConfigFactory.load());
        Function0<?> shutdown = new ElasticMQServer(new ElasticMQServerConfig(config)).start();
        return shutdown::apply;
    }

    /** Creates a queue, waiting for ElasticMQ to bind (it starts asynchronously). */
    private static String createQueue(SqsAsyncClient client, String name, Map<QueueAttributeName, String> attributes) {
        long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return client.createQueue(b -> b.queueName(name).attributes(attributes))
                        .join()
                        .queueUrl();
            } catch (RuntimeException e) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("SQS queue " + name + " could not be created", e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static HttpServer control(int port, FaultRelay relay, SqsAsyncClient client, String queue, String dead) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("SQS control port " + port + " is in use (expected: a free port)", e);
        }
        server.createContext("/fault", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String mode = query != null && query.startsWith("mode=") ? query.substring(5) : null;
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 200, "{\"mode\":\"" + (relay.isDown() ? "down" : "ok") + "\"}\n");
            } else if ("down".equals(mode)) {
                relay.down();
                log.info("sandbox SQS: down (every connection is reset)");
                answer(exchange, 200, "{\"mode\":\"down\"}\n");
            } else if ("ok".equals(mode)) {
                relay.up();
                log.info("sandbox SQS: ok");
                answer(exchange, 200, "{\"mode\":\"ok\"}\n");
            } else {
                answer(exchange, 400, "mode: " + mode + " (expected: down or ok)\n");
            }
        });
        server.createContext("/queues", exchange -> {
            if (relay.isDown()) {
                answer(exchange, 503, "sqs: down (POST /fault?mode=ok first)\n");
                return;
            }
            answer(
                    exchange,
                    200,
                    "{\"" + QUEUE + "\":" + depth(client, queue) + ",\"" + DEAD_LETTERS + "\":" + depth(client, dead)
                            + "}\n");
        });
        server.start();
        return server;
    }

    private static String depth(SqsAsyncClient client, String url) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .join()
                .attributes();
        long visible = Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
        long inFlight = Long.parseLong(
                attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
        return Long.toString(visible + inFlight);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The SQS endpoint clients use (the relay). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + relay.port());
    }

    public int port() {
        return relay.port();
    }

    public int controlPort() {
        return control.getAddress().getPort();
    }

    /** The retry queue's URL, through the relay. */
    public String queueUrl() {
        return queueUrl;
    }

    public String deadLetterUrl() {
        return deadLetterUrl;
    }

    /** A client of this SQS (through the relay), for looking at the queues. */
    public SqsAsyncClient client() {
        return client;
    }

    public FaultRelay relay() {
        return relay;
    }

    @Override
    public void close() {
        control.stop(0);
        client.close();
        relay.close();
        stopElasticMq.run();
    }
}
