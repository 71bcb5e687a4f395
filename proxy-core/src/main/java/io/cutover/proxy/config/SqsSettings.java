package io.cutover.proxy.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where the retry queue is: {@code queue.*}. Credentials and, unless set here, the region come
 * from the standard AWS provider chain; {@code endpoint} points the same client at an
 * SQS-compatible server (the sandbox's ElasticMQ).
 *
 * @param url the retry queue's URL; required when replay is enabled
 * @param endpoint the SQS endpoint to use instead of AWS's, e.g. {@code http://127.0.0.1:9324}
 * @param region the AWS region; empty means the provider chain's
 */
public record SqsSettings(Optional<String> url, Optional<URI> endpoint, Optional<String> region) {

    /** Whether the endpoint is on this machine, where no AWS credentials are needed. */
    public boolean isLocal() {
        return endpoint.map(uri -> {
                    String host = uri.getHost();
                    return "localhost".equalsIgnoreCase(host) || host.startsWith("127.") || host.equals("[::1]");
                })
                .orElse(false);
    }
}
