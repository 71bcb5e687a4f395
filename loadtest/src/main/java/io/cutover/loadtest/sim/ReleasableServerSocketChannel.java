package io.cutover.loadtest.sim;

import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * An NIO server channel that can tell when its port is really free. The JDK defers closing a
 * non-blocking listening socket that is registered with a selector until the selector's next pass
 * deregisters it (the socket keeps accepting into its backlog meanwhile), so Netty's close future
 * completes before the port is released. The {@code down} fault must refuse connections the
 * moment it is in force, and leaving it must re-bind the same port, so it waits for this.
 */
final class ReleasableServerSocketChannel extends NioServerSocketChannel {

    /**
     * Whether the closed socket has been released by the selector. Call on the channel's event
     * loop: that thread runs the deregistration, so the answer is final there.
     */
    boolean isReleased() {
        return !isOpen() && !javaChannel().isRegistered();
    }
}
