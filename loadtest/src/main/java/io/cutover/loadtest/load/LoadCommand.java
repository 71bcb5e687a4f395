package io.cutover.loadtest.load;

import io.cutover.proxy.cli.Command;
import io.cutover.proxy.cli.UsageException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** {@code cutover load ACTION}: the load generator's actions, found as {@link LoadAction} services. */
public final class LoadCommand implements Command {

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String summary() {
        return "load runs on this machine: a plain run, the nginx comparison, scenarios (cutover help load)";
    }

    @Override
    public String usage() {
        StringBuilder out =
                new StringBuilder("usage: cutover load ACTION [OPTIONS]   (cutover load ACTION --help)\n\n");
        for (LoadAction action : actions().values()) {
            out.append(String.format("  %-22s %s%n", action.name(), action.summary()));
        }
        out.append("\nEvery run is bounded in time and count and goes to loopback addresses only.");
        return out.toString();
    }

    /** The named action's usage ({@code cutover load compare --help}), else the list of actions. */
    @Override
    public String usage(List<String> args) {
        LoadAction action = args.isEmpty() ? null : actions().get(args.get(0));
        return action == null ? usage() : action.usage();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException("which action?");
        }
        LoadAction action = actions().get(args.get(0));
        if (action == null) {
            throw new UsageException("unknown action '" + args.get(0) + "'");
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        try {
            return action.run(rest, out, err);
        } catch (UsageException e) {
            err.println("cutover load " + action.name() + ": " + e.getMessage());
            err.println(action.usage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("cutover load " + action.name() + ": " + e.getMessage());
            return 2;
        }
    }

    static Map<String, LoadAction> actions() {
        Map<String, LoadAction> actions = new TreeMap<>();
        for (LoadAction action : ServiceLoader.load(LoadAction.class)) {
            actions.put(action.name(), action);
        }
        return actions;
    }
}
