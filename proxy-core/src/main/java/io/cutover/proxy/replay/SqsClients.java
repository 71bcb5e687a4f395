package io.cutover.proxy.replay;

import io.cutover.proxy.config.SqsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/** The one way an SQS client is built from {@code queue.*}. */
public final class SqsClients {

    /** An SQS-compatible server on loopback checks no signature; any region will do. */
    private static final Region LOCAL_REGION = Region.US_EAST_1;

    private SqsClients() {}

    /**
     * The async client: AWS's endpoint, region and credentials from the standard provider chain,
     * unless {@code queue.endpoint} and {@code queue.region} say otherwise. A loopback endpoint
     * gets fixed local credentials, so the sandbox needs no AWS account.
     */
    public static SqsAsyncClient create(SqsSettings settings) {
        SqsAsyncClientBuilder builder = SqsAsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64));
        settings.endpoint().ifPresent(builder::endpointOverride);
        settings.region().map(Region::of).ifPresent(builder::region);
        if (settings.isLocal()) {
            builder.credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("cutover-local", "cutover-local")));
            if (settings.region().isEmpty()) {
                builder.region(LOCAL_REGION);
            }
        }
        try {
            return builder.build();
        } catch (SdkClientException e) {
            // Mostly: no region anywhere in the provider chain.
            throw new IllegalStateException(
                    "queue.region: " + settings.region().orElse("missing")
                            + " (expected: an AWS region, set here or as AWS_REGION; " + e.getMessage() + ")",
                    e);
        }
    }
}
