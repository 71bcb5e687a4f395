package io.cutover.loadtest.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A JDK HTTP/1.1 client that does not follow redirects: the tests look at the 302 itself. */
public final class TestHttp {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public HttpResponse<byte[]> get(URI base, String target, String... headerPairs)
            throws IOException, InterruptedException {
        return send("GET", base, target, headerPairs);
    }

    public HttpResponse<byte[]> head(URI base, String target) throws IOException, InterruptedException {
        return send("HEAD", base, target);
    }

    public HttpResponse<byte[]> post(URI base, String target) throws IOException, InterruptedException {
        return send("POST", base, target);
    }

    public HttpResponse<byte[]> send(String method, URI base, String target, String... headerPairs)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    public static String location(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }
}
