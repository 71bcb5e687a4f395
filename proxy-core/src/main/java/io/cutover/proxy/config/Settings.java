package io.cutover.proxy.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of flat, dotted configuration keys ({@code backends.primary.url}) from a YAML tree,
 * where every key may be overridden by an environment variable ({@code
 * CUTOVER_BACKENDS_PRIMARY_URL}).
 *
 * <p>Each read validates its value and records a problem instead of throwing, so that one start
 * reports every mistake at once. A key becomes known by being read: {@link #finish} then refuses
 * keys in the file, and {@code CUTOVER_} variables, that nothing read — typos must not pass
 * silently.
 */
final class Settings {

    static final String ENV_PREFIX = "CUTOVER_";

    /** Environment variables with the prefix that are the launcher's, not settings. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("CUTOVER_JAVA_OPTS", "CUTOVER_HOME");

    private final String source;
    private final Map<String, Object> file;
    private final Map<String, String> env;
    private final Path baseDir;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * @param source the name used in the error summary, e.g. the file's path
     * @param tree the parsed YAML document (nested maps), or an empty map
     * @param env the environment
     * @param baseDir relative paths in the file resolve against this directory
     */
    Settings(String source, Map<String, Object> tree, Map<String, String> env, Path baseDir) {
        this.source = source;
        this.file = new LinkedHashMap<>();
        flatten("", tree, file);
        this.env = env;
        this.baseDir = baseDir;
    }

    private void flatten(String prefix, Map<?, ?> tree, Map<String, Object> into) {
        for (Map.Entry<?, ?> entry : tree.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                if (nested.isEmpty()) {
                    into.put(key, null);
                }
                flatten(key + '.', nested, into);
            } else {
                into.put(key, entry.getValue());
            }
        }
    }

    /** The environment variable that overrides a key. */
    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The raw value of a key: the environment first, then the file; {@code null} if unset. */
    private Object raw(String key) {
        known.add(key);
        String fromEnv = env.get(envName(key));
        if (fromEnv != null) {
            return fromEnv;
        }
        return file.get(key);
    }

    private boolean isSet(Object value) {
        return value != null && !(value instanceof String s && s.isBlank());
    }

    void problem(String key, Object value, String expected) {
        problems.add(key + ": " + display(value) + " (expected: " + expected + ")");
    }

    private static String display(Object value) {
        if (value == null) {
            return "missing";
        }
        if (value instanceof String s) {
            return s.isEmpty() ? "''" : s;
        }
        return String.valueOf(value);
    }

    String string(String key, String defaultValue) {
        Object value = raw(key);
        if (value instanceof Boolean) {
            // YAML 1.1 reads an unquoted on/off/yes/no/true/false as a boolean: never turn it
            // into the text "false" behind the user's back.
            problem(key, value, "text; YAML reads an unquoted on, off, yes, no, true or false as a switch: quote it");
            return defaultValue;
        }
        return isSet(value) ? String.valueOf(value).trim() : defaultValue;
    }

    /**
     * A text key that can also be switched off: {@code off} (quoted or not, so also YAML's
     * {@code false} and {@code no}) gives {@code offWord}; a YAML {@code true}, {@code on} or {@code
     * yes} is refused, since it names no target.
     */
    String stringOrOff(String key, String defaultValue, String offWord, String expected) {
        Object value = raw(key);
        if (Boolean.FALSE.equals(value)) {
            return offWord;
        }
        if (Boolean.TRUE.equals(value)) {
            problem(key, value, expected);
            return defaultValue;
        }
        return string(key, defaultValue);
    }

    Optional<String> optionalString(String key) {
        return Optional.ofNullable(string(key, null));
    }

    String requiredString(String key, String expected) {
        String value = string(key, null);
        if (value == null) {
            problem(key, null, expected);
        }
        return value;
    }

    int integer(String key, int defaultValue, int min, int max) {
        Object value = raw(key);
        if (!isSet(value)) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = value instanceof Number n
                    ? n.longValue()
                    : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            problem(key, value, "an integer from " + min + " to " + max);
            return defaultValue;
        }
        if (parsed < min || parsed > max) {
            problem(key, value, max == Integer.MAX_VALUE ? ">= " + min : min + " to " + max);
            return defaultValue;
        }
        return (int) parsed;
    }

    /** A decimal number such as {@code 0.2}, within {@code [min, max]}. */
    double decimal(String key, double defaultValue, double min, double max) {
        Object value = raw(key);
        if (!isSet(value)) {
            return defaultValue;
        }
        double parsed;
        try {
            parsed = value instanceof Number n
                    ? n.doubleValue()
                    : Double.parseDouble(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            parsed = Double.NaN;
        }
        if (!(parsed >= min && parsed <= max)) {
            problem(key, value, "a number from " + min + " to " + max);
            return defaultValue;
        }
        return parsed;
    }

    /** A byte size: {@code 8192}, {@code 16KiB}, {@code 1MiB}. */
    int bytes(String key, int defaultValue, int min, int max) {
        Object value = raw(key);
        if (!isSet(value)) {
            return defaultValue;
        }
        long parsed = Sizes.parse(String.valueOf(value));
        if (parsed < 0) {
            problem(key, value, "a size such as 8192, 16KiB or 1MiB");
            return defaultValue;
        }
        if (parsed < min || parsed > max) {
            problem(key, value, "a size from " + min + " to " + max + " bytes");
            return defaultValue;
        }
        return (int) parsed;
    }

    boolean bool(String key, boolean defaultValue) {
        Object value = raw(key);
        if (!isSet(value)) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        problem(key, value, "true or false");
        return defaultValue;
    }

    /** A positive duration: {@code 250ms}, {@code 2s}, {@code 1m}. */
    Duration duration(String key, Duration defaultValue) {
        Object value = raw(key);
        if (!isSet(value)) {
            return defaultValue;
        }
        String text = String.valueOf(value).trim();
        Duration parsed = Durations.parse(text);
        if (parsed == null) {
            problem(key, value, "a duration such as 250ms, 2s or 1m");
            return defaultValue;
        }
        if (parsed.isNegative() || parsed.isZero()) {
            problem(key, value, "> 0");
            return defaultValue;
        }
        return parsed;
    }

    <E extends Enum<E>> E choice(String key, E defaultValue) {
        Object value = raw(key);
        if (!isSet(value)) {
            return defaultValue;
        }
        String wanted = String.valueOf(value).trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : defaultValue.getDeclaringClass().getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : defaultValue.getDeclaringClass().getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problem(key, value, "one of " + String.join(", ", names));
        return defaultValue;
    }

    /** An absolute http or https URL; {@code null} when unset and not required. */
    URI httpUrl(String key, boolean required, String example) {
        Object value = raw(key);
        if (!isSet(value)) {
            if (required) {
                problem(key, null, "an http(s) URL such as " + example);
            }
            return null;
        }
        String text = String.valueOf(value).trim();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, with the key
        }
        problem(key, value, "an http(s) URL such as " + example);
        return null;
    }

    /** A list: a YAML sequence, or a comma-separated string (as environment variables give). */
    List<String> list(String key) {
        Object value = raw(key);
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (isSet(item)) {
                    out.add(String.valueOf(item).trim());
                }
            }
        } else if (isSet(value)) {
            for (String item : String.valueOf(value).split(",")) {
                if (!item.isBlank()) {
                    out.add(item.trim());
                }
            }
        }
        return out;
    }

    /** A path relative to the configuration file's directory. */
    Path path(String value) {
        return baseDir.resolve(value).normalize();
    }

    /** Refuses unknown keys, then throws if any read found a problem. */
    void finish() {
        for (String key : file.keySet()) {
            if (!known.contains(key) && !isPrefixOfKnown(key)) {
                problems.add(key + ": unknown setting (expected: one of " + nearby(key) + ")");
            }
        }
        for (String name : new TreeSet<>(env.keySet())) {
            if (name.startsWith(ENV_PREFIX) && !LAUNCHER_VARIABLES.contains(name) && !isKnownEnv(name)) {
                problems.add(name + ": unknown setting (expected: a CUTOVER_ variable naming a key, e.g. "
                        + envName(known.iterator().next()) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }

    private boolean isPrefixOfKnown(String key) {
        // An empty section (`legacy:` with nothing under it) is allowed when its keys are known.
        for (String k : known) {
            if (k.startsWith(key + '.')) {
                return true;
            }
        }
        return false;
    }

    private boolean isKnownEnv(String name) {
        for (String key : known) {
            if (envName(key).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private String nearby(String key) {
        int dot = key.lastIndexOf('.');
        String section = dot < 0 ? "" : key.substring(0, dot + 1);
        List<String> siblings = new ArrayList<>();
        for (String k : known) {
            if (k.startsWith(section) && k.indexOf('.', section.length()) < 0) {
                siblings.add(k.substring(section.length()));
            }
        }
        if (siblings.isEmpty()) {
            for (String k : known) {
                int firstDot = k.indexOf('.');
                String top = firstDot < 0 ? k : k.substring(0, firstDot);
                if (!siblings.contains(top)) {
                    siblings.add(top);
                }
            }
        }
        return String.join(", ", siblings);
    }
}
