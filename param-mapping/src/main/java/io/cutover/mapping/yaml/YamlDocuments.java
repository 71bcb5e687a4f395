package io.cutover.mapping.yaml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Composes YAML text into nodes, never into objects: composed nodes keep the line of every value
 * for {@code file:line} messages, and no class is ever instantiated from a file's tags.
 */
public final class YamlDocuments {

    /** Directory files may inline many affiliates; anything larger belongs in the CSV. */
    private static final int CODE_POINT_LIMIT = 32 * 1024 * 1024;

    private YamlDocuments() {}

    /**
     * The documents of a YAML stream (separated by {@code ---}), empty ones skipped. A syntax error
     * is recorded with its line; the documents before it are still returned.
     */
    public static List<Node> compose(String source, String text, ProblemList problems) {
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : yaml().composeAll(new StringReader(text))) {
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(
                    source,
                    mark == null ? Position.FILE : new Position(mark.getLine() + 1, mark.getColumn() + 1),
                    "YAML syntax: " + syntaxMessage(e));
        } catch (YAMLException e) {
            problems.add(source, 0, "YAML syntax: " + oneLine(e.getMessage()));
        }
        return documents;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(CODE_POINT_LIMIT);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setProcessComments(false);
        return new Yaml(options);
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem();
        String context = e.getContext();
        if (problem == null) {
            return oneLine(context);
        }
        return context == null ? oneLine(problem) : oneLine(problem + " (" + context + ")");
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        StringBuilder line = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            line.append(c < ' ' ? ' ' : c);
        }
        return line.toString().trim();
    }
}
