package io.cutover.loadtest.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One plain TCP connection speaking HTTP/1.1 by hand, for what a high-level client hides: which
 * connection a request used, pipelining, a close or a reset by the server.
 */
public final class RawConnection implements AutoCloseable {

    /** A response as read off the wire; header names lower-cased. */
    public record RawResponse(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int port;

    private RawConnection(Socket socket, int port) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.port = port;
    }

    public static RawConnection open(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
        socket.setSoTimeout(5_000);
        return new RawConnection(socket, port);
    }

    /** Sends a request with a Host header and the given extra header lines ({@code "Name: value"}). */
    public void send(String method, String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:")
                .append(port)
                .append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("\r\n");
        sendRaw(request.toString());
    }

    /** Sends bytes exactly as given, for requests no client library would produce. */
    public void sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends a GET and reads its response. */
    public RawResponse get(String target, String... headerLines) throws IOException {
        send("GET", target, headerLines);
        return read(false);
    }

    /** Reads one response; {@code head} says the request was HEAD, so no body follows. */
    public RawResponse read(boolean head) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new RawResponse(status, headers, body);
    }

    /**
     * Reads until the server ends the connection: -1 for an orderly close (FIN), or the
     * exception of an abortive one (RST). Fails if data arrives or nothing happens in 5 s.
     */
    public IOException awaitClose() throws IOException {
        try {
            int next = in.read();
            if (next >= 0) {
                throw new AssertionError("expected the connection to close, but data arrived");
            }
            return null;
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("expected the connection to close, but it stayed open", stillOpen);
        } catch (IOException aborted) {
            return aborted;
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether the server has closed this connection while it was quiet (its FIN is here), as a
     * client checks a pooled connection before reusing it. Fails if unasked-for data arrived.
     */
    public boolean closedByServer() throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(1);
        try {
            int next = in.read();
            if (next >= 0) {
                throw new AssertionError("data arrived on a quiet connection");
            }
            return true;
        } catch (SocketTimeoutException open) {
            return false;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
