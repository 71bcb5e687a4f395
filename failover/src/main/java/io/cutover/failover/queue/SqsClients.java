package io.cutover.failover.queue;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** Builds the asynchronous SQS client the retry queue sends with. */
public final class SqsClients {

    private SqsClients() {}

    /**
     * @param region the queue's AWS region, e.g. {@code eu-west-1}
     * @param endpoint an SQS-compatible endpoint instead of AWS's, or {@code null}
     * @param anonymous send unsigned requests (local SQS-compatible servers); otherwise the
     *     credentials come from the standard AWS default provider chain (environment, profile,
     *     container or instance role)
     * @param callTimeout the longest one call may take, the SDK's own retries included
     */
    public static SqsAsyncClient create(String region, URI endpoint, boolean anonymous, Duration callTimeout) {
        AwsCredentialsProvider credentials = anonymous
                ? AnonymousCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
        var builder = SqsAsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(64)
                        .connectionTimeout(callTimeout)
                        .connectionAcquisitionTimeout(callTimeout))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(callTimeout)
                        // The answer waits for the queue: one quick retry, then the spool.
                        .retryStrategy(RetryMode.STANDARD)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
