package io.cutover.loadtest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol with the JDK's own WebSocket
 * client: a real browser for what only a browser decides (following redirects, keeping or
 * refusing cookies), with no driver to install. Every wait is bounded.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /**
     * Starts Chromium with a fresh profile and the flags that keep it off the network.
     *
     * @param extraFlags e.g. {@code --host-resolver-rules=MAP *.merchant.test 127.0.0.1:8000}
     */
    public static HeadlessChromium start(String... extraFlags) throws IOException, InterruptedException {
        return start(false, extraFlags);
    }

    /**
     * Starts Chromium as {@link #start(String...)} does, with third-party cookies allowed as a
     * user may set them ({@code profile.cookie_controls_mode} 0 in the fresh profile's
     * preferences): what a tracking pixel on a merchant's page needs to carry its click.
     */
    public static HeadlessChromium startAllowingThirdPartyCookies(String... extraFlags)
            throws IOException, InterruptedException {
        return start(true, extraFlags);
    }

    private static HeadlessChromium start(boolean thirdPartyCookies, String... extraFlags)
            throws IOException, InterruptedException {
        String executable = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
                .filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "Chromium is needed for the browser tests: apt-get install chromium (.ci/run does)"));
        Path profile = Files.createTempDirectory("cutover-chromium");
        if (thirdPartyCookies) {
            Files.createDirectories(profile.resolve("Default"));
            Files.writeString(
                    profile.resolve("Default").resolve("Preferences"),
                    "{\"profile\":{\"cookie_controls_mode\":0,\"block_third_party_cookies\":false}}");
        }
        List<String> command = new ArrayList<>(List.of(
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0"));
        command.addAll(List.of(extraFlags));
        command.add("about:blank");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path activePort = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(activePort) || Files.readAllLines(activePort).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not start: " + log(profile));
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(activePort);
        URI endpoint = URI.create(
                "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        HeadlessChromium browser = new HeadlessChromium(process, profile);
        try {
            browser.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(TIMEOUT)
                    .buildAsync(endpoint, new Listener(browser::dispatch))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("cannot reach Chromium's DevTools at " + endpoint, e);
        }
        return browser;
    }

    /** Opens a new tab. */
    public Tab open() throws Exception {
        return open(null);
    }

    /**
     * Opens a new tab in a new browser context: its own cookie jar and its own connections, so
     * its first request opens a new TLS connection.
     */
    public Tab openIsolated() throws Exception {
        return open(call(null, "Target.createBrowserContext", Map.of())
                .get("browserContextId")
                .asText());
    }

    private Tab open(String browserContext) throws Exception {
        Map<String, Object> params = browserContext == null
                ? Map.of("url", "about:blank")
                : Map.of("url", "about:blank", "browserContextId", browserContext);
        String target =
                call(null, "Target.createTarget", params).get("targetId").asText();
        String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId")
                .asText();
        call(session, "Page.enable", Map.of());
        call(session, "Network.enable", Map.of());
        return new Tab(session);
    }

    /**
     * One response the browser got, redirects included, as the DevTools protocol reports it.
     *
     * @param protocol {@code h2}, {@code http/1.1}…
     * @param issuer the issuer of the server certificate, or empty over plain HTTP
     */
    public record Response(String url, int status, String protocol, String issuer, JsonNode headers) {
        static Response of(JsonNode r) {
            return new Response(
                    r.path("url").asText(),
                    r.path("status").asInt(),
                    r.path("protocol").asText(),
                    r.path("securityDetails").path("issuer").asText(""),
                    r.path("headers"));
        }
    }

    /** Every cookie the browser holds. */
    public List<JsonNode> cookies() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        call(null, "Storage.getCookies", Map.of()).get("cookies").forEach(out::add);
        return out;
    }

    /** A browser tab. */
    public final class Tab {
        private final String session;

        private Tab(String session) {
            this.session = session;
        }

        /** Every response of this tab so far, in order: redirects, pages, images. */
        public List<Response> responses() {
            List<Response> out = new ArrayList<>();
            for (JsonNode event : events) {
                if (!session.equals(event.path("sessionId").asText())) {
                    continue;
                }
                JsonNode params = event.path("params");
                if ("Network.requestWillBeSent".equals(event.path("method").asText())
                        && params.has("redirectResponse")) {
                    out.add(Response.of(params.get("redirectResponse")));
                } else if ("Network.responseReceived"
                        .equals(event.path("method").asText())) {
                    out.add(Response.of(params.get("response")));
                }
            }
            return out;
        }

        /** Every cookie the browser left out of this tab's requests, with why, for failure messages. */
        public List<String> blockedCookies() {
            List<String> out = new ArrayList<>();
            for (JsonNode event : events) {
                if (session.equals(event.path("sessionId").asText())
                        && "Network.requestWillBeSentExtraInfo"
                                .equals(event.path("method").asText())) {
                    for (JsonNode c : event.path("params").path("associatedCookies")) {
                        if (c.path("blockedReasons").size() > 0) {
                            out.add(c.path("cookie").path("name").asText() + " " + c.path("blockedReasons") + " "
                                    + c.path("exemptionReason").asText(""));
                        }
                    }
                }
            }
            return out;
        }

        /** The cookie jar of this tab's browser context, through {@code Network.getAllCookies}. */
        public List<JsonNode> cookies() throws Exception {
            List<JsonNode> out = new ArrayList<>();
            call(session, "Network.getAllCookies", Map.of()).get("cookies").forEach(out::add);
            return out;
        }

        /** Navigates (following redirects) and waits for the final page's load event. */
        public void navigate(String url) throws Exception {
            CompletableFuture<JsonNode> loaded =
                    await(m -> session.equals(m.path("sessionId").asText())
                            && "Page.loadEventFired".equals(m.path("method").asText()));
            JsonNode result = call(session, "Page.navigate", Map.of("url", url));
            if (result.hasNonNull("errorText")) {
                throw new IllegalStateException("navigation to " + url + " failed: "
                        + result.get("errorText").asText());
            }
            loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        /**
         * Runs a script that navigates (a link's {@code click()}) and waits for the next page's
         * load event.
         */
        public void navigateBy(String script) throws Exception {
            CompletableFuture<JsonNode> loaded =
                    await(m -> session.equals(m.path("sessionId").asText())
                            && "Page.loadEventFired".equals(m.path("method").asText()));
            evaluate(script);
            loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        /** Evaluates a JavaScript expression in the page and returns its value as text. */
        public String evaluate(String expression) throws Exception {
            return call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true))
                    .path("result")
                    .path("value")
                    .asText();
        }

        /**
         * Saves a PNG of the page as a {@code width}×{@code height} window shows it (the whole
         * page, beyond the window too), e.g. as a build artifact under {@code target/}.
         */
        public Path screenshot(Path file, int width, int height) throws Exception {
            call(
                    session,
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
            String png = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
                    .get("data")
                    .asText();
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, java.util.Base64.getDecoder().decode(png));
        }

        /** The page's address after every redirect. */
        public String location() throws Exception {
            return evaluate("location.href");
        }
    }

    private JsonNode call(String session, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + ": " + answer.get("error"));
        }
        return answer.path("result");
    }

    private CompletableFuture<JsonNode> await(Predicate<JsonNode> event) {
        Waiter waiter = new Waiter(event, new CompletableFuture<>());
        waiters.add(waiter);
        return waiter.future();
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        if (method.startsWith("Network.re")) {
            events.add(message);
        }
        for (Waiter waiter : waiters) {
            if (waiter.event().test(message)) {
                waiters.remove(waiter);
                waiter.future().complete(message);
            }
        }
    }

    private static String log(Path profile) {
        try {
            return Files.readString(profile.resolve("chromium.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.abort();
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // A file Chromium removed itself while the profile was walked: nothing left to do.
        }
    }

    private record Waiter(Predicate<JsonNode> event, CompletableFuture<JsonNode> future) {}

    /** Collects a WebSocket's text frames into whole messages. */
    private static final class Listener implements WebSocket.Listener {
        private final java.util.function.Consumer<String> onMessage;
        private final StringBuilder partial = new StringBuilder();

        Listener(java.util.function.Consumer<String> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                onMessage.accept(message);
            }
            webSocket.request(1);
            return null;
        }
    }
}
