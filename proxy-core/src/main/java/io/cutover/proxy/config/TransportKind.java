package io.cutover.proxy.config;

/** Which Netty transport runs the event loops. */
public enum TransportKind {
    /** Native epoll where the platform has it, NIO otherwise. */
    AUTO,
    /** Native epoll; start-up fails where it is not available. */
    EPOLL,
    /** Java NIO. */
    NIO
}
