package io.cutover.mapping.testing;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import io.cutover.mapping.directory.DynamoDbClients;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * DynamoDB Local in this JVM, in memory, as a loopback HTTP server on a free port, so that the
 * store is tested through the real async client and its HTTP stack. Bound to 127.0.0.1 port 0;
 * host and port are set and read on its Jetty connector, which the server has no accessor for.
 */
public final class DynamoDbLocal implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocal(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static DynamoDbLocal start() throws Exception {
        // Built by hand rather than by ServerRunner, whose command line refuses port 0.
        LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, true, null, true, false);
        DynamoDBProxyServer server = new DynamoDBProxyServer(0, new LocalDynamoDBServerHandler(requests, null));
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        ServerConnector connector = (ServerConnector) ((Server) field.get(server)).getConnectors()[0];
        connector.setHost("127.0.0.1"); // loopback only: the server would listen on every interface
        server.start();
        int port = connector.getLocalPort();
        return new DynamoDbLocal(server, URI.create("http://127.0.0.1:" + port));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A new async client for this server (the caller closes it). */
    public DynamoDbAsyncClient client() {
        return DynamoDbClients.async(Optional.of(endpoint), "eu-west-1");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
