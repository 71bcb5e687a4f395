package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sim.ReceivedRequest;
import io.cutover.loadtest.sim.SimulatedAwin;
import io.cutover.loadtest.sim.SimulatedShareASale;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reload under load, on real sockets: clients keep clicking while the mapping table and the
 * directory are swapped back and forth between two snapshots. Snapshot A maps {@code afftrack}
 * to {@code clickref2} and affiliate 873588 to publisher 402911; snapshot B maps it to {@code
 * clickref} and to 777001. Every click must be answered, reach Awin, and carry A's pair or B's
 * pair, never one of each.
 */
@ExtendWith(NettyLeaks.class)
class ReloadUnderLoadTest {

    private static final int CLIENTS = 4;
    private static final int SWAPS = 12;
    private static final int MAX_CLICKS = 20_000;

    @TempDir
    Path dir;

    @Test
    void requestsInFlightDuringSwapsCompleteWithTheOldSnapshotOrTheNew() throws Exception {
        String mappingA = Files.readString(Path.of("..", "mappings", "r-cfm.yaml"));
        String target = "{ to: clickref2,";
        assertThat(mappingA)
                .as("the shipped r.cfm table maps afftrack with " + target)
                .contains(target);
        String mappingB = mappingA.replace(target, "{ to: clickref,");
        String directoryA = Files.readString(Path.of("..", "config", "directory", "sample.yaml"));
        assertThat(directoryA).contains("873588: 402911");
        String directoryB = directoryA.replace("873588: 402911", "873588: 777001");
        Path mapping = save(dir.resolve("r-cfm.yaml"), mappingA);
        Path directory = save(dir.resolve("directory.yaml"), directoryA);

        try (SimulatedAwin awin = new SimulatedAwin();
                SimulatedShareASale legacy = new SimulatedShareASale()) {
            awin.start();
            legacy.start();
            Path config = Files.writeString(
                    dir.resolve("cutover.yaml"), """
                    server: { host: 127.0.0.1, port: 0, event-loops: 2 }
                    admin: { host: 127.0.0.1, port: 0, token: reload-under-load-token }
                    backends:
                      primary: { url: "http://127.0.0.1:%d", response-timeout: 2s }
                      legacy: { url: "http://127.0.0.1:%d", response-timeout: 2s }
                    deadlines: { click: 3s }
                    mapping: { files: [r-cfm.yaml] }
                    directory: { file: directory.yaml, watch: false }
                    access-log: "off"
                    # four clients from one loopback address: the per-client rate limit would throttle them
                    rate-limit: { enabled: false }
                    """.formatted(awin.trackingPort(), legacy.trackingPort()));

            try (Cutover cutover = Cutover.start(ConfigLoader.load(config, Map.of()))) {
                URI base = URI.create("http://127.0.0.1:" + cutover.port());
                URI admin = URI.create("http://127.0.0.1:" + cutover.adminPort());
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger sent = new AtomicInteger();
                Map<Integer, Integer> failures = new ConcurrentHashMap<>();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> loops = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    loops.add(clients.submit(() -> {
                        TestHttp http = new TestHttp();
                        while (running.get()) {
                            int n = sent.incrementAndGet();
                            if (n > MAX_CLICKS) {
                                sent.decrementAndGet();
                                return null;
                            }
                            HttpResponse<byte[]> response =
                                    http.get(base, "/r.cfm?b=1&u=873588&m=41388&urllink=&afftrack=n" + n);
                            if (response.statusCode() != 302) {
                                failures.put(n, response.statusCode());
                            }
                        }
                        return null;
                    }));
                }

                TestHttp control = new TestHttp();
                List<Integer> reloadStatuses = new ArrayList<>();
                for (int swap = 1; swap <= SWAPS; swap++) {
                    boolean toB = swap % 2 == 1;
                    save(mapping, toB ? mappingB : mappingA);
                    save(directory, toB ? directoryB : directoryA);
                    reloadStatuses.add(control.send(
                                    "POST", admin, "/admin/reload", "Authorization", "Bearer reload-under-load-token")
                            .statusCode());
                    Thread.sleep(50);
                }
                running.set(false);
                for (Future<?> loop : loops) {
                    loop.get(60, TimeUnit.SECONDS);
                }
                clients.shutdown();

                assertThat(reloadStatuses).hasSize(SWAPS).containsOnly(200);
                assertThat(failures).as("clicks not answered with a redirect").isEmpty();
                List<ReceivedRequest> received = awin.received();
                assertThat(legacy.received())
                        .as("clicks that failed over to legacy")
                        .isEmpty();
                assertThat(received).hasSize(sent.get());
                Map<String, Integer> shapes = new HashMap<>();
                for (ReceivedRequest request : received) {
                    String shape;
                    if (request.param("clickref2") != null && "402911".equals(request.param("awinaffid"))) {
                        shape = "A";
                    } else if (request.param("clickref") != null && "777001".equals(request.param("awinaffid"))) {
                        shape = "B";
                    } else {
                        shape = "mixed: " + request.uri();
                    }
                    shapes.merge(shape, 1, Integer::sum);
                }
                assertThat(shapes.keySet())
                        .as("every click with snapshot A or B")
                        .containsExactlyInAnyOrder("A", "B");
                assertThat(sent.get()).isGreaterThan(SWAPS);
            }
        }
    }

    private static Path save(Path file, String text) throws Exception {
        Path temporary = Files.writeString(file.resolveSibling("." + file.getFileName() + ".tmp"), text);
        return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
