package io.cutover.mapping.yaml;

import io.cutover.mapping.query.Quoted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read strictly: keys are plain names, a duplicate key is a problem (SnakeYAML's
 * composer keeps both silently), and every key nobody asked for is reported as unknown, so a typo
 * such as {@code as: subid} written {@code ass: subid} never passes unnoticed.
 */
public final class YamlMap {

    private final String source;
    private final String path;
    private final ProblemList problems;
    private final Node node;
    private final List<NodeTuple> entries = new ArrayList<>();
    private final Map<String, NodeTuple> byKey = new HashMap<>();
    private final Set<String> asked = new HashSet<>();
    private final Position owner;

    private YamlMap(MappingNode node, String source, String path, ProblemList problems, Position owner) {
        this.node = node;
        this.owner = owner;
        this.source = source;
        this.path = path;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            String key = text(tuple.getKeyNode());
            if (key == null || !(tuple.getKeyNode() instanceof ScalarNode)) {
                problems.add(source, tuple.getKeyNode(), at(path) + "keys must be plain names");
                continue;
            }
            NodeTuple first = byKey.putIfAbsent(key, tuple);
            if (first != null) {
                problems.add(
                        source,
                        tuple.getKeyNode(),
                        child(key) + ": duplicate key (first at " + ProblemList.positionOf(first.getKeyNode()) + ")");
                continue;
            }
            entries.add(tuple);
        }
    }

    /**
     * Reads a node that must be a mapping; reports and answers {@code null} when it is not.
     *
     * @param path the dotted path of the node for messages, empty at the top of a document
     */
    public static YamlMap of(Node node, String source, String path, ProblemList problems) {
        return of(node, source, path, problems, ProblemList.positionOf(node));
    }

    /**
     * Reads the value of an entry that must be a mapping, such as a merchant under its ID; a key
     * missing from it is reported at the entry's own line rather than at its first child's.
     */
    public static YamlMap ofEntry(NodeTuple entry, String source, String path, ProblemList problems) {
        return of(entry.getValueNode(), source, path, problems, ProblemList.positionOf(entry.getKeyNode()));
    }

    private static YamlMap of(Node node, String source, String path, ProblemList problems, Position owner) {
        if (node instanceof MappingNode) {
            return new YamlMap((MappingNode) node, source, path, problems, owner);
        }
        problems.add(source, node, at(path) + describe(node) + " (expected: a mapping of name: value)");
        return null;
    }

    /** The value under a key, or {@code null} when absent; marks the key as known. */
    public Node value(String key) {
        asked.add(key);
        NodeTuple tuple = byKey.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    /** Whether the key is present (with any value, even null); marks it as known. */
    public boolean has(String key) {
        asked.add(key);
        return byKey.containsKey(key);
    }

    /**
     * The text of a scalar under a key; {@code null} when the key is absent or its value is YAML
     * null ({@code key:} or {@code ~}). A non-scalar value is reported and answers {@code null}.
     */
    public String scalar(String key) {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof ScalarNode)) {
            problems.add(source, value, child(key) + ": " + describe(value) + " (expected: a single value)");
            return null;
        }
        return text(value);
    }

    /** Whether a key is absent or has no value ({@code key:} or {@code ~}); marks it as known. */
    public boolean isMissing(String key) {
        Node value = value(key);
        return value == null || (value instanceof ScalarNode && text(value) == null);
    }

    /** The entries in file order, duplicates removed; marks nothing as known. */
    public List<NodeTuple> entries() {
        return entries;
    }

    /** Reports every key that no caller asked about. */
    public void rejectUnknown(String expected) {
        for (NodeTuple tuple : entries) {
            String key = text(tuple.getKeyNode());
            if (!asked.contains(key)) {
                problems.add(source, tuple.getKeyNode(), child(key) + ": unknown key (expected: " + expected + ")");
            }
        }
    }

    /** The dotted path of a key below this mapping, e.g. {@code params.afftrack}. */
    public String child(String key) {
        return path.isEmpty() ? key : path + '.' + key;
    }

    public String path() {
        return path;
    }

    public Node node() {
        return node;
    }

    /** Where a key is, or the mapping's owner (its own key, else its start) when absent. */
    public Position line(String key) {
        NodeTuple tuple = byKey.get(key);
        return tuple == null ? owner : ProblemList.positionOf(tuple.getKeyNode());
    }

    /** The text of a scalar node, {@code null} for YAML null or a non-scalar. */
    public static String text(Node node) {
        if (!(node instanceof ScalarNode) || Tag.NULL.equals(node.getTag())) {
            return null;
        }
        return ((ScalarNode) node).getValue();
    }

    /** A short description of a node's shape for messages. */
    public static String describe(Node node) {
        switch (node.getNodeId()) {
            case mapping:
                return "a mapping";
            case sequence:
                return "a list";
            case anchor:
                return "an alias";
            default:
                String text = text(node);
                return text == null ? "nothing" : Quoted.of(text);
        }
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }
}
