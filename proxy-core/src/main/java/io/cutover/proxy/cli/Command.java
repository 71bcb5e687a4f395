package io.cutover.proxy.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A {@code bin/cutover} command. Each lives in the module that owns its job and registers itself
 * in {@code META-INF/services/io.cutover.proxy.cli.Command}, so the launcher finds {@code sandbox}
 * (in loadtest) without proxy-core depending on it.
 */
public interface Command {

    /** The word after {@code cutover}, e.g. {@code serve}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The usage text printed by {@code cutover help NAME} and on a usage error. */
    String usage();

    /**
     * The usage of what {@code args} name, for {@code cutover NAME ARGS --help} and {@code cutover
     * help NAME ARGS}: a command with actions of its own answers the named action's usage. By
     * default, {@link #usage()}.
     */
    default String usage(List<String> args) {
        return usage();
    }

    /**
     * Runs the command to completion (a server command returns when it is stopped).
     *
     * @return the process exit status: 0 success, 1 failure, 2 usage error
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
