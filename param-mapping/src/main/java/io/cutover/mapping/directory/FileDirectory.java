package io.cutover.mapping.directory;

import io.cutover.mapping.query.Ascii;
import io.cutover.mapping.query.LegacyId;
import io.cutover.mapping.yaml.ProblemList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Directory} loaded whole from a YAML file (merchants, a few affiliates) and optionally an
 * affiliates CSV it names (the production ~250,000). The embedded default of the sandbox, and the
 * in-memory snapshot in front of slower stores. Immutable: look-ups are lock-free reads, safe on
 * event loops; a reload builds a new instance.
 */
public final class FileDirectory implements Directory {

    private static final String SAMPLE = "sample.yaml";

    private final String source;
    private final List<Path> files;
    private final Map<String, Optional<Merchant>> merchants;
    private final IdMap affiliates;

    FileDirectory(String source, Map<String, Merchant> merchants, IdMap affiliates) {
        this(source, List.of(), merchants, affiliates);
    }

    FileDirectory(String source, List<Path> files, Map<String, Merchant> merchants, IdMap affiliates) {
        this.source = source;
        this.files = List.copyOf(files);
        Map<String, Optional<Merchant>> byId = new HashMap<>();
        merchants.forEach((id, merchant) -> byId.put(id, Optional.of(merchant)));
        this.merchants = Map.copyOf(byId);
        this.affiliates = affiliates;
    }

    /**
     * Loads a directory file; an {@code affiliates-file} it names is resolved against the file's
     * own folder. Throws {@link DirectoryFileException} listing every problem.
     */
    public static FileDirectory load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw unreadable(file.toString(), "not UTF-8 text");
        } catch (IOException e) {
            throw unreadable(file.toString(), "cannot read (" + e.getClass().getSimpleName() + ")");
        }
        Path folder = file.toAbsolutePath().getParent();
        return DirectoryFileReader.read(file.toString(), text, folder);
    }

    /** Reads a directory from YAML text; it may not name an affiliates CSV. */
    public static FileDirectory parse(String source, String yaml) {
        return DirectoryFileReader.read(source, yaml, null);
    }

    /**
     * The sample directory packaged in this jar from {@code config/directory/sample.yaml}: what the
     * sandbox and the tests run with.
     */
    public static FileDirectory sample() {
        try (InputStream in = FileDirectory.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw unreadable(SAMPLE, "no resource io/cutover/mapping/directory/" + SAMPLE + " on the classpath");
            }
            return parse(SAMPLE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreadable(SAMPLE, "cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A directory built in code, e.g. by a test or a simulator. IDs must be normalised digits.
     *
     * @param affiliates legacy affiliate ID → Awin publisher ID
     * @throws IllegalArgumentException for an ID that is not normalised digits or a duplicate
     */
    public static FileDirectory of(Collection<Merchant> merchants, Map<String, String> affiliates) {
        Map<String, Merchant> byId = new HashMap<>();
        for (Merchant merchant : merchants) {
            requireId(merchant.legacyId());
            if (merchant.onPrimary()) {
                requireId(merchant.advertiserId());
            }
            if (byId.putIfAbsent(merchant.legacyId(), merchant) != null) {
                throw new IllegalArgumentException("merchant " + merchant.legacyId() + " is listed twice");
            }
        }
        IdMap.Builder builder = new IdMap.Builder();
        affiliates.forEach((legacy, publisher) -> {
            requireId(legacy);
            requireId(publisher);
            if (builder.put(LegacyId.toLong(legacy), LegacyId.toLong(publisher), 0) >= 0) {
                throw new IllegalArgumentException("affiliate " + legacy + " is listed twice");
            }
        });
        return new FileDirectory("code", byId, builder.build());
    }

    @Override
    public Optional<Merchant> merchant(String legacyMerchantId) {
        Optional<Merchant> merchant = legacyMerchantId == null ? null : merchants.get(legacyMerchantId);
        return merchant == null ? Optional.empty() : merchant;
    }

    @Override
    public Optional<String> publisher(String legacyAffiliateId) {
        if (!isNormalised(legacyAffiliateId)) {
            return Optional.empty();
        }
        long publisher = affiliates.get(LegacyId.toLong(legacyAffiliateId));
        return publisher < 0 ? Optional.empty() : Optional.of(Long.toString(publisher));
    }

    /** The merchants, in no particular order. */
    public List<Merchant> merchants() {
        return merchants.values().stream().map(Optional::get).toList();
    }

    public int merchantCount() {
        return merchants.size();
    }

    public int affiliateCount() {
        return affiliates.size();
    }

    /**
     * The files this directory was read from (the YAML file and the affiliates CSV it names), for
     * a watch to notice edits; empty for a resource or a directory built in code.
     */
    public List<Path> files() {
        return files;
    }

    /** Visits every affiliate as legacy ID → Awin publisher ID, in no particular order. */
    public void forEachAffiliate(AffiliateVisitor visitor) {
        affiliates.forEach(visitor::accept);
    }

    /** Receives one affiliate of {@link #forEachAffiliate}. */
    @FunctionalInterface
    public interface AffiliateVisitor {
        void accept(long legacyAffiliateId, long awinPublisherId);
    }

    /** The file or resource the directory was read from. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "FileDirectory[" + source + ": " + merchants.size() + " merchants, " + affiliates.size()
                + " affiliates]";
    }

    static boolean isNormalised(String id) {
        int n = id == null ? 0 : id.length();
        if (n == 0 || n > LegacyId.MAX_DIGITS || (n > 1 && id.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!Ascii.isDigit(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void requireId(String id) {
        if (!isNormalised(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a normalised numeric id");
        }
    }

    private static DirectoryFileException unreadable(String source, String message) {
        ProblemList problems = new ProblemList();
        problems.add(source, 0, message);
        return new DirectoryFileException(problems);
    }
}
