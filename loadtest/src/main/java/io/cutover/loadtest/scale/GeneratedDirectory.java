package io.cutover.loadtest.scale;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a directory at production scale in the file store's format: a YAML file with the
 * merchants and an affiliates CSV it names. IDs are dense and deterministic, so a run can be
 * repeated and compared.
 */
public final class GeneratedDirectory {

    /** The first legacy merchant ID; merchant {@code i} is {@code FIRST_MERCHANT + i}. */
    public static final long FIRST_MERCHANT = 100_000;

    /** The first legacy affiliate ID; affiliate {@code i} is {@code FIRST_AFFILIATE + i}. */
    public static final long FIRST_AFFILIATE = 1_000_000;

    private GeneratedDirectory() {}

    /** Writes {@code directory.yaml} and {@code affiliates.csv} into a folder; answers the YAML file. */
    public static Path write(Path folder, int merchants, int affiliates) throws IOException {
        Files.createDirectories(folder);
        Path yaml = folder.resolve("directory.yaml");
        try (BufferedWriter out = Files.newBufferedWriter(yaml, StandardCharsets.UTF_8)) {
            out.write("# Generated: " + merchants + " merchants, " + affiliates + " affiliates.\n");
            out.write("affiliates-file: affiliates.csv\n");
            out.write("merchants:\n");
            for (int i = 0; i < merchants; i++) {
                long id = FIRST_MERCHANT + i;
                out.write("  " + id + ": { advertiser: " + (500_000 + i) + ", landing: \"https://www.m" + id
                        + ".example.com/\", domains: [m" + id + ".example.com] }\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("affiliates.csv"), StandardCharsets.UTF_8)) {
            out.write("legacy affiliate id,Awin publisher id\n");
            for (int i = 0; i < affiliates; i++) {
                out.write(Long.toString(FIRST_AFFILIATE + i));
                out.write(',');
                out.write(Long.toString(9_000_000 + i));
                out.write('\n');
            }
        }
        return yaml;
    }
}
