package io.cutover.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/** The handler through which a {@link Drain} ends one client connection. Called on its loop. */
interface Drainable extends ChannelHandler {

    /**
     * Closes the connection, or starts closing it, if it may go now: it holds no request and has
     * been quiet since before {@code cutoff} (a {@link Drain#now()} reading).
     */
    void closeIfQuietSince(Channel channel, long cutoff);
}
