package io.cutover.loadtest.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The sandbox's SQS: its queues, and the outage switch on its control port, over real sockets. */
class SandboxSqsTest {

    private static SandboxSqs sqs;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sqs = SandboxSqs.start(0, 0, 0, null);
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    private static HttpResponse<String> control(String method, String target) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sqs.controlPort() + target))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void createsTheRetryQueueWithItsDeadLetterQueue() {
        String policy = sqs.client()
                .getQueueAttributes(b -> b.queueUrl(sqs.queueUrl()).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .join()
                .attributes()
                .get(QueueAttributeName.REDRIVE_POLICY);

        assertThat(policy).contains("cutover-retry-dead").contains("\"maxReceiveCount\":100");
    }

    @Test
    void refusesEveryConnectionWhileDownAndAnswersAgainWhenOk() throws Exception {
        assertThat(control("POST", "/fault?mode=down").body()).isEqualTo("{\"mode\":\"down\"}\n");
        try {
            assertThatThrownBy(() -> sqs.client()
                            .getQueueUrl(b -> b.queueName(SandboxSqs.QUEUE))
                            .join())
                    .isInstanceOf(CompletionException.class);
            assertThat(control("GET", "/fault").body()).isEqualTo("{\"mode\":\"down\"}\n");
        } finally {
            assertThat(control("POST", "/fault?mode=ok").body()).isEqualTo("{\"mode\":\"ok\"}\n");
        }
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> sqs.client()
                        .getQueueUrl(b -> b.queueName(SandboxSqs.QUEUE))
                        .join()
                        .queueUrl()
                        .endsWith("/" + SandboxSqs.QUEUE));
        assertThat(control("GET", "/queues").body())
                .matches("\\{\"cutover-retry\":\\d+,\"cutover-retry-dead\":\\d+\\}\n");
    }

    @Test
    void refusesAnUnknownModeWithTheReason() throws Exception {
        HttpResponse<String> response = control("POST", "/fault?mode=slow");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("mode: slow (expected: down or ok)\n");
    }
}
