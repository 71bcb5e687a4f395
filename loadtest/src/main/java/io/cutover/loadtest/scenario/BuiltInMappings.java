package io.cutover.loadtest.scenario;

import io.cutover.mapping.table.MappingTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in mapping table's files, as packaged with {@link MappingTable#builtIn()}, written
 * into a folder Cutover then serves and reloads; and the two versions a reload scenario swaps
 * between: {@code afftrack} as {@code clickref2} (the shipped table) and as {@code clickref}.
 */
final class BuiltInMappings {

    static final String CLICK_FILE = "r-cfm.yaml";
    private static final String SHIPPED = "afftrack: { to: clickref2,";
    private static final String VARIANT = "afftrack: { to: clickref,";

    private final Map<String, String> files;

    private BuiltInMappings(Map<String, String> files) {
        this.files = files;
    }

    static BuiltInMappings load() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String line : resource("index.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.put(name, resource(name));
            }
        }
        if (!files.getOrDefault(CLICK_FILE, "").contains(SHIPPED)) {
            throw new IllegalStateException(
                    CLICK_FILE + ": no '" + SHIPPED + "' rule to swap (expected: the shipped table)");
        }
        return new BuiltInMappings(files);
    }

    /** Writes every file into {@code folder}. */
    void writeTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, String> file : files.entrySet()) {
            save(folder.resolve(file.getKey()), file.getValue());
        }
    }

    /** Replaces the click table in {@code folder}: the shipped one, or the variant. */
    void writeClickTable(Path folder, boolean variant) throws IOException {
        String shipped = files.get(CLICK_FILE);
        save(folder.resolve(CLICK_FILE), variant ? shipped.replace(SHIPPED, VARIANT) : shipped);
    }

    /** Written whole, then renamed: a reader never sees half a file. */
    private static void save(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String resource(String name) {
        try (InputStream in = MappingTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource io/cutover/mapping/table/" + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
