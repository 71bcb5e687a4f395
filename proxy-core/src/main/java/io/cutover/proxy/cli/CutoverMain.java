package io.cutover.proxy.cli;

import io.cutover.proxy.config.ConfigException;
import io.netty.util.ResourceLeakDetector;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The entry point of {@code bin/cutover}: finds the command by name and runs it. */
public final class CutoverMain {

    /**
     * The JVM options every way of starting Cutover passes before the operator's own (which win,
     * coming later): the launcher ({@code bin/cutover}), the container image, the Kubernetes
     * manifest and the processes the load tools start.
     *
     * <p>{@code -XX:MaxTenuringThreshold=2}: what outlives two young collections (the directory
     * loaded at start, the pools, the dashboard's two minutes) is moved to the old generation
     * then, instead of being copied between survivor spaces up to 15 times. With the default, the
     * preloaded directory made every young pause of the first 15 copy 11 MB: 8 to 17 ms each at
     * 6,500 req/s on 2 cores, against 1.7 to 3.5 ms with the option. A request's own objects die
     * well within one collection, so nothing short-lived is promoted by it.
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:MaxTenuringThreshold=2");

    private CutoverMain() {}

    public static void main(String[] args) {
        leakDetectionOffUnlessAsked();
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /**
     * Netty's leak detector is on by default: it samples one buffer in 128 and records a stack
     * trace for each sampled buffer's life. A proxy allocates several buffers per request, and a
     * profile of Cutover under load put the detector at 3 % of all CPU. The test suite runs it at
     * its strictest, so in production it is off unless {@code -Dio.netty.leakDetection.level}
     * asks for it (in {@code CUTOVER_JAVA_OPTS}).
     */
    static void leakDetectionOffUnlessAsked() {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /** Runs one command line, as {@code bin/cutover ARGS} does; answers the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.isEmpty()
                || args.get(0).equals("help") && args.size() == 1
                || args.get(0).equals("--help")
                || args.get(0).equals("-h")) {
            printCommands(commands, out);
            return args.isEmpty() ? 2 : 0;
        }
        if (args.get(0).equals("help")) {
            Command command = commands.get(args.get(1));
            if (command == null) {
                err.println("cutover: unknown command '" + args.get(1) + "'");
                printCommands(commands, err);
                return 2;
            }
            out.println(command.usage(args.subList(2, args.size())));
            return 0;
        }
        Command command = commands.get(args.get(0));
        if (command == null) {
            err.println("cutover: unknown command '" + args.get(0) + "'");
            printCommands(commands, err);
            return 2;
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        if (rest.contains("--help") || rest.contains("-h")) {
            List<String> named = new ArrayList<>(rest);
            named.removeAll(List.of("--help", "-h"));
            out.println(command.usage(named));
            return 0;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("cutover " + command.name() + ": " + e.getMessage());
            err.println(command.usage());
            return 2;
        } catch (ConfigException e) {
            err.println("cutover " + command.name() + ": configuration refused");
            err.println(e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("cutover " + command.name() + ": " + e.getMessage());
            return 1;
        }
    }

    static Map<String, Command> commands() {
        Map<String, Command> commands = new TreeMap<>();
        for (Command command : ServiceLoader.load(Command.class)) {
            commands.put(command.name(), command);
        }
        return commands;
    }

    private static void printCommands(Map<String, Command> commands, PrintStream out) {
        out.println("usage: cutover COMMAND [ARGS]   (cutover help COMMAND for its options)");
        out.println();
        for (Command command : commands.values()) {
            out.printf("  %-9s %s%n", command.name(), command.summary());
        }
    }
}
