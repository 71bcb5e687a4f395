package io.cutover.mapping.table;

import io.cutover.mapping.LinkKind;
import io.cutover.mapping.yaml.ProblemList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The declarative legacy → Awin mapping: one {@link EndpointMapping} per legacy endpoint, compiled
 * once from YAML files and then immutable. A reload compiles a new table and swaps it in; a file
 * with problems throws {@link MappingFileException} listing all of them, and the old table keeps
 * serving.
 *
 * <p>The file format is described in {@code mappings/r-cfm.yaml}, the built-in table.
 */
public final class MappingTable {

    /** The built-in files, packaged from {@code mappings/} into this package. */
    static final String INDEX = "index.txt";

    private final List<EndpointMapping> endpoints;
    private final List<String> sources;
    private final List<Optional<EndpointMapping>> byKind;

    private MappingTable(List<EndpointMapping> endpoints, List<String> sources) {
        this.endpoints = List.copyOf(endpoints);
        this.sources = List.copyOf(sources);
        List<Optional<EndpointMapping>> index = new ArrayList<>();
        for (LinkKind kind : LinkKind.values()) {
            EndpointMapping found = null;
            for (EndpointMapping endpoint : endpoints) {
                if (endpoint.kind() == kind) {
                    found = endpoint;
                }
            }
            index.add(Optional.ofNullable(found));
        }
        this.byKind = List.copyOf(index);
    }

    /** The mapping of an endpoint, if the table has one. Allocation-free: runs per request. */
    public Optional<EndpointMapping> endpoint(LinkKind kind) {
        return byKind.get(kind.ordinal());
    }

    /** All endpoints, in the order the files were given. */
    public List<EndpointMapping> endpoints() {
        return endpoints;
    }

    /** The names of the files the table was compiled from. */
    public List<String> sources() {
        return sources;
    }

    /** Compiles mapping files given as text; throws {@link MappingFileException} listing every problem. */
    public static MappingTable compile(List<MappingSource> files) {
        ProblemList problems = new ProblemList();
        List<EndpointMapping> endpoints = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (MappingSource file : files) {
            names.add(file.name());
            for (EndpointMapping endpoint : MappingFileReader.read(file, problems)) {
                EndpointMapping earlier = find(endpoints, endpoint.kind());
                if (earlier != null) {
                    problems.add(
                            endpoint.origin().source(),
                            endpoint.origin().position(),
                            "endpoint: " + endpoint.kind().legacyPath() + " is already mapped at " + earlier.origin());
                } else {
                    endpoints.add(endpoint);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new MappingFileException(problems);
        }
        return new MappingTable(endpoints, names);
    }

    /** Loads and compiles mapping files; each is named in messages by its path as given. */
    public static MappingTable load(List<Path> files) {
        ProblemList unreadable = new ProblemList();
        List<MappingSource> sources = new ArrayList<>();
        for (Path file : files) {
            try {
                sources.add(new MappingSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (CharacterCodingException e) {
                unreadable.add(file.toString(), 0, "not UTF-8 text");
            } catch (IOException e) {
                unreadable.add(
                        file.toString(), 0, "cannot read (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (!unreadable.isEmpty()) {
            throw new MappingFileException(unreadable);
        }
        return compile(sources);
    }

    /** Loads every {@code *.yaml} and {@code *.yml} file of a directory, in name order. */
    public static MappingTable loadDirectory(Path directory) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            ProblemList problems = new ProblemList();
            problems.add(directory.toString(), 0, "cannot list (" + e.getClass().getSimpleName() + ")");
            throw new MappingFileException(problems);
        }
        return load(files);
    }

    /**
     * The table packaged in this jar from {@code mappings/}: the files listed in
     * {@code io/cutover/mapping/table/index.txt}, named by file name in messages.
     */
    public static MappingTable builtIn() {
        ProblemList problems = new ProblemList();
        String index = resource(INDEX, INDEX, 0, problems);
        List<MappingSource> files = new ArrayList<>();
        if (index != null) {
            String[] lines = index.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String name = lines[i].strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                String text = resource(name, INDEX, i + 1, problems);
                if (text != null) {
                    files.add(new MappingSource(name, text));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new MappingFileException(problems);
        }
        return compile(files);
    }

    private static String resource(String name, String listedIn, int line, ProblemList problems) {
        try (InputStream in = MappingTable.class.getResourceAsStream(name)) {
            if (in == null) {
                problems.add(listedIn, line, "no resource io/cutover/mapping/table/" + name + " on the classpath");
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(
                    listedIn,
                    line,
                    "cannot read resource " + name + " (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private static EndpointMapping find(List<EndpointMapping> endpoints, LinkKind kind) {
        for (EndpointMapping endpoint : endpoints) {
            if (endpoint.kind() == kind) {
                return endpoint;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "MappingTable" + endpoints;
    }
}
