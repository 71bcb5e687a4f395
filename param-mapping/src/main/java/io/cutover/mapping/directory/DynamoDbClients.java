package io.cutover.mapping.directory;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** The async DynamoDB client of the directory store and of {@code cutover directory import}. */
public final class DynamoDbClients {

    private DynamoDbClients() {}

    /**
     * A client for a region, or for an endpoint such as DynamoDB Local.
     *
     * <p>Credentials come from the default AWS chain (environment, profile, container or instance
     * role). With an endpoint and no credentials anywhere, a fixed dummy pair is used: DynamoDB
     * Local accepts any, and a newcomer needs no AWS account to try the store.
     */
    public static DynamoDbAsyncClient async(Optional<URI> endpoint, String region) {
        AwsCredentialsProvider credentials = endpoint.isPresent()
                ? AwsCredentialsProviderChain.of(
                        DefaultCredentialsProvider.builder().build(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                : DefaultCredentialsProvider.builder().build();
        var builder = DynamoDbAsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(64)
                        .connectionTimeout(Duration.ofSeconds(2))
                        .readTimeout(Duration.ofSeconds(10)));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
