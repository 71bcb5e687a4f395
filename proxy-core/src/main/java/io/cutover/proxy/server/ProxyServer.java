package io.cutover.proxy.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;

/** A bound listener: binds synchronously, reports its real port, stops accepting on close. */
public final class ProxyServer implements AutoCloseable {

    private final Channel channel;

    private ProxyServer(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one).
     *
     * @throws IllegalStateException naming the address when it cannot be bound
     */
    public static ProxyServer bind(
            String name, String host, int port, EventLoopGroup group, Transport transport, ChannelHandler initializer) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                // No child options: each is a setsockopt per accepted connection, and a click is
                // often a connection of its own. TCP_NODELAY is on by default in both transports
                // (ProxyServerTest checks it); SO_KEEPALIVE's first probe (two hours) would come
                // long after server.idle-timeout has closed an idle connection.
                .childHandler(initializer);
        try {
            return new ProxyServer(
                    bootstrap.bind(host, port).syncUninterruptibly().channel());
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    name + ": cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")", e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String host() {
        return ((InetSocketAddress) channel.localAddress()).getAddress().getHostAddress();
    }

    /** Stops accepting; open connections finish with their event loops. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
