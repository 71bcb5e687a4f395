package io.cutover.proxy.cli;

import java.util.ArrayList;
import java.util.List;

/** A small reader of {@code --flag}, {@code --option VALUE} and positional arguments. */
public final class Args {

    private final List<String> rest;

    public Args(List<String> args) {
        this.rest = new ArrayList<>(args);
    }

    /** Removes and returns whether {@code --flag} was given. */
    public boolean flag(String name) {
        return rest.remove(name);
    }

    /** Removes and returns the value after {@code --option} (or {@code --option=value}), or {@code null}. */
    public String option(String name) {
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals(name)) {
                if (i + 1 >= rest.size()) {
                    throw new UsageException(name + " needs a value");
                }
                rest.remove(i);
                return rest.remove(i);
            }
            if (arg.startsWith(name + "=")) {
                rest.remove(i);
                return arg.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** An integer option within bounds, or the default. */
    public int intOption(String name, int defaultValue, int min, int max) {
        String value = option(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + ": " + value + " (expected: an integer from " + min + " to " + max + ")");
    }

    /** The remaining positional arguments; an unknown {@code --option} is a usage error. */
    public List<String> positional() {
        for (String arg : rest) {
            if (arg.startsWith("--")) {
                throw new UsageException("unknown option " + arg);
            }
        }
        return List.copyOf(rest);
    }
}
