package io.cutover.loadtest.load;

import io.cutover.proxy.cli.Command;

/**
 * A {@code bin/cutover load NAME} action ({@code run}, {@code compare}, a scenario). Each registers
 * itself in {@code META-INF/services/io.cutover.loadtest.load.LoadAction}; {@link #name()} is the
 * word after {@code load}.
 */
public interface LoadAction extends Command {}
