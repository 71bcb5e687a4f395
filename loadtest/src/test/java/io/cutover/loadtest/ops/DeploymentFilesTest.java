package io.cutover.loadtest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sandbox.ServeProcess;
import io.cutover.proxy.cli.CutoverMain;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests fit the Cutover they deploy: the probes ask the admin listener's
 * {@code /live} and {@code /ready} on the port the config binds it to, the grace period outlasts
 * the drain bound and the flush after it, the config in the ConfigMap is one Cutover accepts,
 * and the container build file runs what it builds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("..", "ops", "deploy");
    /** How long Cutover waits for the retry queue and spool to flush after the drain. */
    private static final Duration FLUSH_BOUND = Duration.ofSeconds(10);

    private final Map<String, Map<String, Object>> byKind = new LinkedHashMap<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void readManifests() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
                    Map<String, Object> manifest = (Map<String, Object>) document;
                    if (manifest.containsKey("kind") && !manifest.get("kind").equals("Kustomization")) {
                        byKind.put((String) manifest.get("kind"), manifest);
                    }
                }
            }
        }
    }

    @Test
    void hasADeploymentServiceAndAutoscaler() {
        assertThat(byKind).containsKeys("Deployment", "Service", "HorizontalPodAutoscaler", "ConfigMap");
        Map<String, Object> hpa = map(byKind.get("HorizontalPodAutoscaler"), "spec");
        assertThat(map(hpa, "scaleTargetRef"))
                .containsEntry("kind", "Deployment")
                .containsEntry("name", "cutover");
        assertThat((Integer) hpa.get("minReplicas")).isGreaterThanOrEqualTo(2);
        assertThat((Integer) hpa.get("maxReplicas")).isGreaterThan((Integer) hpa.get("minReplicas"));
    }

    @Test
    void probesAskTheAdminListenersLiveAndReadyOnItsConfiguredPort() {
        CutoverConfig config = configMapConfig();
        Map<String, Object> container = container();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Map<String, Object> port : list(container, "ports")) {
            ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
        }
        assertThat(ports)
                .containsEntry("http", config.server().port())
                .containsEntry("admin", config.admin().port());
        assertThat(config.admin().host())
                .as("the kubelet probes the pod IP, so the admin listener cannot be on loopback")
                .isEqualTo("0.0.0.0");

        assertThat(probe(container, "livenessProbe")).containsEntry("path", "/live");
        assertThat(probe(container, "readinessProbe")).containsEntry("path", "/ready");
        assertThat(probe(container, "startupProbe")).containsEntry("path", "/ready");
        for (String name : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            Object port = probe(container, name).get("port");
            int number = port instanceof Integer p ? p : ports.get((String) port);
            assertThat(number).as("%s port", name).isEqualTo(config.admin().port());
        }
        Map<String, Object> resources = map(container, "resources");
        assertThat(map(resources, "requests")).containsKeys("cpu", "memory");
        assertThat(map(resources, "limits")).containsKey("memory");
    }

    @Test
    void gracePeriodOutlastsTheDrainBoundAndTheFlush() {
        Duration drain = drainBound();
        int grace = (Integer) podSpec().get("terminationGracePeriodSeconds");

        assertThat(Duration.ofSeconds(grace))
                .as("terminationGracePeriodSeconds against shutdown.drain-timeout %s + flush %s", drain, FLUSH_BOUND)
                .isGreaterThan(drain.plus(FLUSH_BOUND));
        assertThat(Duration.ofSeconds(grace))
                .as("not so long that a stuck pod holds a rollout for minutes")
                .isLessThanOrEqualTo(drain.plus(FLUSH_BOUND).multipliedBy(2));
    }

    @Test
    @SuppressWarnings("unchecked")
    void spoolVolumeHoldsTheSpoolAndTheConfigIsMounted() {
        CutoverConfig config = configMapConfig();
        Map<String, Object> container = container();
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Map<String, Object> mount : list(container, "volumeMounts")) {
            mounts.put((String) mount.get("name"), (String) mount.get("mountPath"));
        }
        assertThat(mounts).containsEntry("spool", config.spool().dir().toString());
        assertThat(mounts).containsEntry("config", "/etc/cutover");
        assertThat((List<String>) (List<?>) container.get("args"))
                .containsExactly("serve", "--config", "/etc/cutover/cutover.yaml");
    }

    @Test
    void containerBuildsWithMavenOnTemurin17AndRunsTheLauncherClassPath() throws IOException {
        String containerfile = Files.readString(DEPLOY.resolve("Containerfile"), StandardCharsets.UTF_8);
        List<String> stages = new ArrayList<>();
        Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(containerfile);
        while (from.find()) {
            stages.add(from.group(1));
        }
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).contains("maven").contains("temurin-17");
        assertThat(stages.get(1)).contains("temurin").contains("17");
        assertThat(containerfile)
                .contains("mvn -B -q -DskipTests")
                .contains("io.cutover.proxy.cli.CutoverMain")
                .contains("USER 10001");
        assertThat(containerfile).containsPattern("COPY --from=build /src/loadtest/target/lib");
    }

    /**
     * Every way of starting Cutover passes its JVM options: the launcher, the image, the manifest
     * and the processes the load tools start (those before the caller's own options, which win).
     */
    @Test
    void everyWayOfStartingCutoverPassesItsJvmOptions() throws IOException {
        String launcher = Files.readString(Path.of("..", "bin", "cutover"), StandardCharsets.UTF_8);
        String containerfile = Files.readString(DEPLOY.resolve("Containerfile"), StandardCharsets.UTF_8);
        String manifest =
                Files.readString(DEPLOY.resolve("kubernetes").resolve("deployment.yaml"), StandardCharsets.UTF_8);
        List<String> serve = ServeProcess.command(Path.of("cutover.yaml"), List.of("-Xmx1g"));
        assertThat(CutoverMain.JVM_OPTIONS).isNotEmpty();
        for (String option : CutoverMain.JVM_OPTIONS) {
            assertThat(launcher).contains("exec java " + option + " ");
            assertThat(containerfile).containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*" + Pattern.quote(option));
            assertThat(manifest).containsPattern("value: \"[^\"]*" + Pattern.quote(option));
            assertThat(serve.indexOf(option)).isBetween(1, serve.indexOf("-Xmx1g") - 1);
        }
    }

    /** The ConfigMap's cutover.yaml through the real loader: what the pods would start with. */
    @SuppressWarnings("unchecked")
    private CutoverConfig configMapConfig() {
        Map<String, Object> tree = configMapTree();
        // The image holds the mapping files at /opt/cutover/mappings; here they are the repository's.
        ((Map<String, Object>) tree.get("mapping"))
                .put("files", List.of(Path.of("..", "mappings").toAbsolutePath().toString()));
        Map<String, Object> known = new LinkedHashMap<>(tree);
        // Read on its own, as the drain bound, by drainBound().
        known.remove("shutdown");
        return ConfigLoader.fromTree("configmap.yaml", known, Map.of(), Path.of("."));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> configMapTree() {
        String yaml = (String) map(byKind.get("ConfigMap"), "data").get("cutover.yaml");
        return new Yaml().load(yaml);
    }

    @SuppressWarnings("unchecked")
    private Duration drainBound() {
        Object section = configMapTree().get("shutdown");
        String text = section == null ? null : String.valueOf(((Map<String, Object>) section).get("drain-timeout"));
        assertThat(text)
                .as("shutdown.drain-timeout in the ConfigMap")
                .isNotNull()
                .matches("\\d+(ms|s|m)");
        long amount = Long.parseLong(text.replaceAll("[a-z]+$", ""));
        return text.endsWith("ms")
                ? Duration.ofMillis(amount)
                : text.endsWith("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
    }

    private Map<String, Object> podSpec() {
        return map(map(map(byKind.get("Deployment"), "spec"), "template"), "spec");
    }

    private Map<String, Object> container() {
        return list(podSpec(), "containers").get(0);
    }

    private static Map<String, Object> probe(Map<String, Object> container, String name) {
        return map(map(container, name), "httpGet");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }
}
