package io.cutover.loadtest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.loadtest.testing.PrometheusScrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The files SREs import, {@code ops/prometheus/cutover-alerts.yaml} and {@code
 * ops/grafana/cutover-dashboard.json}, and the metrics and labels their queries name.
 */
final class OpsFiles {

    static final Path OPS = Path.of("..", "ops");
    static final Path RULES = OPS.resolve("prometheus/cutover-alerts.yaml");
    static final Path RULE_TESTS = OPS.resolve("prometheus/cutover-alerts.test.yaml");
    static final Path DASHBOARD = OPS.resolve("grafana/cutover-dashboard.json");

    private static final Pattern METRIC = Pattern.compile("\\b(cutover_[a-z0-9_]+)\\b(\\{([^}]*)\\})?");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

    private OpsFiles() {}

    /** Every PromQL expression of the alert rules. */
    @SuppressWarnings("unchecked")
    static List<String> ruleExpressions() {
        Map<String, Object> root = new Yaml().load(read(RULES));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) root.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add(String.valueOf(rule.get("expr")));
            }
        }
        return expressions;
    }

    /** Every PromQL expression of the dashboard's panels and template variables. */
    static List<String> dashboardExpressions() {
        try {
            JsonNode root = new ObjectMapper().readTree(read(DASHBOARD));
            List<String> expressions = new ArrayList<>();
            for (JsonNode panel : root.get("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    expressions.add(target.get("expr").asText());
                }
            }
            for (JsonNode variable : root.path("templating").path("list")) {
                if (variable.path("type").asText().equals("query")) {
                    expressions.add(variable.get("query").asText());
                }
            }
            return expressions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Metric name → the label names its selectors use, over {@code expressions}. */
    static Map<String, Set<String>> references(List<String> expressions) {
        Map<String, Set<String>> references = new TreeMap<>();
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                Set<String> labels = references.computeIfAbsent(metric.group(1), k -> new TreeSet<>());
                if (metric.group(3) != null) {
                    Matcher matcher = MATCHER.matcher(metric.group(3));
                    while (matcher.find()) {
                        labels.add(matcher.group(1));
                    }
                }
            }
        }
        return references;
    }

    /**
     * Checks that every metric the rules and the dashboard name was in at least one of {@code
     * scrapes}, with every label their selectors filter on ({@code instance}, {@code job} and
     * {@code le} aside: Prometheus adds the first two, histograms have the last).
     */
    static void assertEveryReferenceIsExported(List<PrometheusScrape> scrapes) {
        Map<String, Set<String>> exported = new HashMap<>();
        for (PrometheusScrape scrape : scrapes) {
            for (PrometheusScrape.Sample sample : scrape.samples()) {
                exported.computeIfAbsent(sample.name(), k -> new HashSet<>())
                        .addAll(sample.labels().keySet());
            }
        }
        List<String> expressions = new ArrayList<>(ruleExpressions());
        expressions.addAll(dashboardExpressions());
        Map<String, Set<String>> references = references(expressions);
        assertThat(references).as("metrics the rules and the dashboard name").hasSizeGreaterThan(15);
        for (Map.Entry<String, Set<String>> reference : references.entrySet()) {
            assertThat(exported)
                    .as("%s, named in the alert rules or the dashboard, is exported by Cutover", reference.getKey())
                    .containsKey(reference.getKey());
            Set<String> labels = new TreeSet<>(reference.getValue());
            labels.removeAll(Set.of("instance", "job", "le"));
            assertThat(exported.get(reference.getKey()))
                    .as("labels of %s that the rules and the dashboard filter on", reference.getKey())
                    .containsAll(labels);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
