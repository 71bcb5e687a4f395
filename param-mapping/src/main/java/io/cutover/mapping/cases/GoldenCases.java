package io.cutover.mapping.cases;

import io.cutover.mapping.LinkKind;
import io.cutover.mapping.Mapped;
import io.cutover.mapping.MappingResult;
import io.cutover.mapping.Rejected;
import io.cutover.mapping.RequestContext;
import io.cutover.mapping.Translator;
import io.cutover.mapping.Unmapped;
import io.cutover.mapping.yaml.InvalidFileException;
import io.cutover.mapping.yaml.ProblemList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The golden cases engineers extend: one small file per case under {@code mappings/cases/}, each a
 * legacy request and the upstream request, rejection or unmapped reason it must give. {@code
 * cutover check --cases DIR} and the test suite run them.
 */
public final class GoldenCases {

    /** The file name ending of a case. */
    public static final String SUFFIX = ".case";

    private GoldenCases() {}

    /** Reads every {@code *.case} file of a folder, in name order; all problems at once. */
    public static List<GoldenCase> load(Path folder) {
        ProblemList problems = new ProblemList();
        List<GoldenCase> cases = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(folder.toString(), 0, "cannot list (" + e.getClass().getSimpleName() + ")");
            throw new InvalidFileException("golden cases", problems);
        }
        if (files.isEmpty()) {
            problems.add(folder.toString(), 0, "no " + SUFFIX + " files (expected: one file per case)");
        }
        for (Path file : files) {
            try {
                GoldenCase parsed =
                        GoldenCase.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), problems);
                if (parsed != null) {
                    cases.add(parsed);
                }
            } catch (IOException e) {
                problems.add(file.toString(), 0, "cannot read (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFileException("golden cases", problems);
        }
        return cases;
    }

    /** Runs every case through the translator. */
    public static List<CaseResult> run(Translator translator, List<GoldenCase> cases) {
        List<CaseResult> results = new ArrayList<>(cases.size());
        for (GoldenCase c : cases) {
            results.add(run(translator, c));
        }
        return results;
    }

    static CaseResult run(Translator translator, GoldenCase c) {
        int q = c.input().indexOf('?');
        String path = q < 0 ? c.input() : c.input().substring(0, q);
        String query = q < 0 ? "" : c.input().substring(q + 1);
        MappingResult result = translator.translate(
                LinkKind.ofPath(path), query, RequestContext.of(c.cookie().orElse(null)));
        String kind;
        String value;
        if (result instanceof Mapped mapped) {
            kind = "primary";
            value = mapped.primary().pathAndQuery();
        } else if (result instanceof Unmapped unmapped) {
            kind = "unmapped";
            value = unmapped.reason();
        } else {
            kind = "rejected";
            value = ((Rejected) result).reason();
        }
        String actual = kind + ": " + value;
        if (kind.equals(c.expected()) && value.equals(c.value())) {
            return new CaseResult(c, actual, Optional.empty());
        }
        return new CaseResult(c, actual, Optional.of(diff(c, kind, value)));
    }

    /** Expected and actual, then, for two upstream requests, the parameters that differ. */
    static String diff(GoldenCase c, String kind, String value) {
        StringBuilder out = new StringBuilder();
        out.append("  input:    ").append(c.input()).append('\n');
        out.append("  expected: ")
                .append(c.expected())
                .append(": ")
                .append(c.value())
                .append('\n');
        out.append("  actual:   ").append(kind).append(": ").append(value).append('\n');
        if (kind.equals("primary") && c.expected().equals("primary")) {
            List<String> expected = pairs(c.value());
            List<String> actual = pairs(value);
            if (!path(c.value()).equals(path(value))) {
                out.append("    path: ")
                        .append(path(c.value()))
                        .append(" → ")
                        .append(path(value))
                        .append('\n');
            }
            for (String pair : expected) {
                if (!actual.contains(pair)) {
                    out.append("    - ").append(pair).append('\n');
                }
            }
            for (String pair : actual) {
                if (!expected.contains(pair)) {
                    out.append("    + ").append(pair).append('\n');
                }
            }
            if (expected.size() == actual.size() && expected.containsAll(actual) && !expected.equals(actual)) {
                out.append("    (same parameters in another order)\n");
            }
        }
        return out.toString();
    }

    private static String path(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    private static List<String> pairs(String target) {
        int q = target.indexOf('?');
        List<String> pairs = new ArrayList<>();
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    pairs.add(pair);
                }
            }
        }
        return pairs;
    }
}
