package io.cutover.mapping.directory;

import io.cutover.cookie.Phase;
import io.cutover.mapping.landing.LandingUrl;
import io.cutover.mapping.landing.LandingVerdict;
import io.cutover.mapping.query.Ascii;
import io.cutover.mapping.query.LegacyId;
import io.cutover.mapping.query.Quoted;
import io.cutover.mapping.yaml.Position;
import io.cutover.mapping.yaml.ProblemList;
import io.cutover.mapping.yaml.YamlDocuments;
import io.cutover.mapping.yaml.YamlMap;
import io.cutover.web.ControlCharacters;
import io.cutover.web.HostNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a directory file and the affiliates CSV it may name, validating every entry with its line.
 * See {@code config/directory/sample.yaml} for the format.
 */
final class DirectoryFileReader {

    static final String TOP_KEYS = "one of merchants, affiliates, affiliates-file";
    static final String MERCHANT_KEYS = "one of advertiser, landing, domains, phase";

    private final String source;
    private final Path baseDirectory;
    private final ProblemList problems = new ProblemList();
    private final Affiliates affiliates = new Affiliates(problems);
    private final List<Path> csvFiles = new ArrayList<>();

    private DirectoryFileReader(String source, Path baseDirectory) {
        this.source = source;
        this.baseDirectory = baseDirectory;
        affiliates.sources.add(source);
    }

    /**
     * Reads a directory.
     *
     * @param baseDirectory where {@code affiliates-file} is resolved; {@code null} when the YAML
     *     did not come from a file (then naming a CSV is a problem)
     */
    static FileDirectory read(String source, String text, Path baseDirectory) {
        DirectoryFileReader reader = new DirectoryFileReader(source, baseDirectory);
        Map<String, Merchant> merchants = reader.readDocument(text);
        if (!reader.problems.isEmpty()) {
            throw new DirectoryFileException(reader.problems);
        }
        List<Path> files = new ArrayList<>();
        if (baseDirectory != null) {
            files.add(Path.of(source));
            files.addAll(reader.csvFiles);
        }
        return new FileDirectory(source, files, merchants, reader.affiliates.builder.build());
    }

    private Map<String, Merchant> readDocument(String text) {
        Map<String, Merchant> merchants = new HashMap<>();
        List<Node> documents = YamlDocuments.compose(source, text, problems);
        if (documents.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(source, 1, "empty directory (expected: merchants: and affiliates:)");
            }
            return merchants;
        }
        for (int i = 1; i < documents.size(); i++) {
            problems.add(source, documents.get(i), "a second YAML document (expected: one directory per file)");
        }
        YamlMap top = YamlMap.of(documents.get(0), source, "", problems);
        if (top == null) {
            return merchants;
        }
        Node merchantsNode = top.value("merchants");
        if (merchantsNode == null) {
            problems.add(
                    source,
                    top.line("merchants"),
                    "merchants: missing (expected: legacy merchant id: { advertiser, landing, domains })");
        } else {
            readMerchants(merchantsNode, merchants);
        }
        Node affiliatesNode = top.value("affiliates");
        if (affiliatesNode != null && !top.isMissing("affiliates")) {
            readAffiliates(affiliatesNode);
        }
        String csv = top.scalar("affiliates-file");
        if (csv != null) {
            readCsv(csv, top.line("affiliates-file"));
        }
        top.rejectUnknown(TOP_KEYS);
        return merchants;
    }

    private void readMerchants(Node node, Map<String, Merchant> merchants) {
        YamlMap map = YamlMap.of(node, source, "merchants", problems);
        if (map == null) {
            return;
        }
        Map<String, Integer> lines = new HashMap<>();
        for (NodeTuple tuple : map.entries()) {
            String written = YamlMap.text(tuple.getKeyNode());
            String id = LegacyId.normalise(written);
            if (id == null || !isPlainNumber(written)) {
                problems.add(
                        source,
                        tuple.getKeyNode(),
                        "merchants: " + Quoted.of(written) + " (expected: a legacy merchant id, a number)");
                continue;
            }
            Integer first = lines.putIfAbsent(id, ProblemList.lineOf(tuple.getKeyNode()));
            if (first != null) {
                problems.add(
                        source,
                        tuple.getKeyNode(),
                        map.child(written) + ": merchant " + id + " is listed twice (first at line " + first + ")");
                continue;
            }
            Merchant merchant = readMerchant(id, YamlMap.ofEntry(tuple, source, map.child(written), problems));
            if (merchant != null) {
                merchants.put(id, merchant);
            }
        }
    }

    private Merchant readMerchant(String id, YamlMap fields) {
        if (fields == null) {
            return null;
        }
        // Optional: a merchant not on Awin yet is listed for its domains, which bound every redirect.
        String advertiser = fields.isMissing("advertiser")
                ? null
                : number(fields, "advertiser", "the Awin advertiser id (awinmid), a number");
        boolean advertiserValid = fields.isMissing("advertiser") || advertiser != null;
        List<String> domains = readDomains(fields);
        String landing = readLanding(fields, domains);
        Optional<Phase> phase = readPhase(fields);
        fields.rejectUnknown(MERCHANT_KEYS);
        if (!advertiserValid || domains == null || landing == null || phase == null) {
            return null;
        }
        return new Merchant(id, advertiser, landing, domains, phase.orElse(null));
    }

    /** The merchant's phase; empty when not written (the config's default applies), null when wrong. */
    private Optional<Phase> readPhase(YamlMap fields) {
        Node node = fields.value("phase");
        if (node == null) {
            return Optional.empty();
        }
        String written = fields.scalar("phase");
        if (written == null && !(node instanceof ScalarNode)) {
            return null;
        }
        Optional<Phase> phase = written == null ? Optional.empty() : Phase.parse(written);
        if (phase.isEmpty()) {
            problems.add(
                    source,
                    fields.line("phase"),
                    fields.child("phase") + ": " + Quoted.of(written) + " (expected: " + Phase.NAMES + ")");
            return null;
        }
        return phase;
    }

    private List<String> readDomains(YamlMap fields) {
        Node node = fields.value("domains");
        String path = fields.child("domains");
        String expected = " (expected: a list of lower-case host names, e.g. [example.com])";
        if (node == null) {
            problems.add(source, fields.line("domains"), path + ": missing" + expected);
            return null;
        }
        if (!(node instanceof SequenceNode) || ((SequenceNode) node).getValue().isEmpty()) {
            String found = node instanceof SequenceNode ? "an empty list" : YamlMap.describe(node);
            problems.add(source, node, path + ": " + found + expected);
            return null;
        }
        List<String> domains = new ArrayList<>();
        boolean ok = true;
        List<Node> items = ((SequenceNode) node).getValue();
        for (int i = 0; i < items.size(); i++) {
            String domain = YamlMap.text(items.get(i));
            if (domain == null || !HostNames.isCanonicalDomain(domain)) {
                problems.add(
                        source,
                        items.get(i),
                        path + '[' + i + "]: " + YamlMap.describe(items.get(i))
                                + " (expected: a lower-case host name such as example.com)");
                ok = false;
            } else {
                domains.add(domain);
            }
        }
        return ok ? domains : null;
    }

    private String readLanding(YamlMap fields, List<String> domains) {
        String landing = fields.scalar("landing");
        String path = fields.child("landing");
        if (landing == null) {
            if (fields.isMissing("landing")) {
                problems.add(source, fields.line("landing"), path + ": missing (expected: an absolute http(s) URL)");
            }
            return null;
        }
        boolean absolute =
                landing.regionMatches(true, 0, "https://", 0, 8) || landing.regionMatches(true, 0, "http://", 0, 7);
        LandingUrl url = absolute && !ControlCharacters.inUrl(landing) ? LandingUrl.parse(landing.strip()) : null;
        if (url == null || url.verdict() != LandingVerdict.SAFE || url.userinfoDropped()) {
            problems.add(
                    source,
                    fields.line("landing"),
                    path + ": " + Quoted.of(landing)
                            + " (expected: an absolute http(s) URL such as https://www.example.com/)");
            return null;
        }
        if (domains != null && !new Merchant("", "", "", domains).allows(url.host())) {
            problems.add(
                    source,
                    fields.line("landing"),
                    path + ": host " + url.host() + " is not on the merchant's domains (expected: one of " + domains
                            + " or a subdomain)");
            return null;
        }
        return url.canonical();
    }

    private void readAffiliates(Node node) {
        YamlMap map = YamlMap.of(node, source, "affiliates", problems);
        if (map == null) {
            return;
        }
        for (NodeTuple tuple : map.entries()) {
            String written = YamlMap.text(tuple.getKeyNode());
            String legacy = LegacyId.normalise(written);
            String publisher = YamlMap.text(tuple.getValueNode());
            String normalisedPublisher = publisher == null ? null : LegacyId.normalise(publisher);
            int line = ProblemList.lineOf(tuple.getKeyNode());
            if (legacy == null || !isPlainNumber(written)) {
                problems.add(
                        source,
                        tuple.getKeyNode(),
                        "affiliates: " + Quoted.of(written) + " (expected: a legacy affiliate id, a number)");
            }
            if (normalisedPublisher == null || !isPlainNumber(publisher)) {
                problems.add(
                        source,
                        tuple.getValueNode(),
                        map.child(written) + ": "
                                + YamlMap.describe(tuple.getValueNode())
                                + " (expected: the Awin publisher id (awinaffid), a number)");
            }
            if (legacy != null && normalisedPublisher != null && isPlainNumber(written) && isPlainNumber(publisher)) {
                affiliates.put(LegacyId.toLong(legacy), LegacyId.toLong(normalisedPublisher), 0, line);
            }
        }
    }

    private void readCsv(String name, Position line) {
        if (baseDirectory == null) {
            problems.add(
                    source,
                    line,
                    "affiliates-file: " + Quoted.of(name)
                            + " cannot be read: this directory was not loaded from a file");
            return;
        }
        Path csv = baseDirectory.resolve(name);
        csvFiles.add(csv);
        byte[] data;
        try {
            data = Files.readAllBytes(csv);
        } catch (IOException e) {
            problems.add(
                    source,
                    line,
                    "affiliates-file: cannot read " + csv + " (" + e.getClass().getSimpleName() + ")");
            return;
        }
        affiliates.sources.add(csv.toString());
        new AffiliateCsvReader(csv.toString(), affiliates.sources.size() - 1, affiliates, problems).read(data);
    }

    private String number(YamlMap fields, String key, String expected) {
        String value = fields.scalar(key);
        if (value == null) {
            if (fields.isMissing(key)) {
                problems.add(source, fields.line(key), fields.child(key) + ": missing (expected: " + expected + ")");
            }
            return null;
        }
        String id = LegacyId.normalise(value);
        if (id == null || !isPlainNumber(value)) {
            problems.add(
                    source,
                    fields.line(key),
                    fields.child(key) + ": " + Quoted.of(value) + " (expected: " + expected + ")");
            return null;
        }
        return id;
    }

    /** Digits only: the lenient request-side normalisation must not make a file's typo pass. */
    private static boolean isPlainNumber(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Ascii.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The affiliates being collected, with where each came from for duplicate messages. */
    static final class Affiliates {

        final IdMap.Builder builder = new IdMap.Builder();
        final List<String> sources = new ArrayList<>();
        private final ProblemList problems;

        Affiliates(ProblemList problems) {
            this.problems = problems;
        }

        void put(long legacy, long publisher, int sourceIndex, int line) {
            long first = builder.put(legacy, publisher, (long) sourceIndex << 32 | line);
            if (first >= 0) {
                problems.add(
                        sources.get(sourceIndex),
                        line,
                        "affiliate " + legacy + " is listed twice (first at " + sources.get((int) (first >>> 32)) + ':'
                                + (int) first + ")");
            }
        }
    }
}
