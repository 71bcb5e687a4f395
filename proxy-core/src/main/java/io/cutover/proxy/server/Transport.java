package io.cutover.proxy.server;

import io.cutover.proxy.config.TransportKind;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport in use: native epoll where the platform has it (fewer copies, edge-triggered
 * readiness), NIO otherwise. Server and origin channels always come from the same transport as
 * the event loops they run on.
 *
 * @param name {@code epoll} or {@code nio}, for the start-up line and metrics
 * @param datagramChannel for the asynchronous DNS resolver of origin connections
 */
public record Transport(
        String name,
        IoHandlerFactory ioHandlerFactory,
        Class<? extends ServerChannel> serverChannel,
        Class<? extends SocketChannel> socketChannel,
        Class<? extends DatagramChannel> datagramChannel) {

    /** Chooses the transport; a forced epoll that is not available fails with the reason. */
    public static Transport select(TransportKind kind) {
        switch (kind) {
            case NIO:
                return nio();
            case EPOLL:
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("server.transport: epoll (expected: auto or nio here; epoll is "
                            + "not available: " + Epoll.unavailabilityCause() + ")");
                }
                return epoll();
            default:
                return Epoll.isAvailable() ? epoll() : nio();
        }
    }

    private static Transport epoll() {
        return new Transport(
                "epoll",
                EpollIoHandler.newFactory(),
                EpollServerSocketChannel.class,
                EpollSocketChannel.class,
                EpollDatagramChannel.class);
    }

    private static Transport nio() {
        return new Transport(
                "nio",
                NioIoHandler.newFactory(),
                NioServerSocketChannel.class,
                NioSocketChannel.class,
                NioDatagramChannel.class);
    }
}
