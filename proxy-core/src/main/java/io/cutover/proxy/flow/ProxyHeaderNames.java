package io.cutover.proxy.flow;

import io.netty.util.AsciiString;

/** Header names a proxy adds that Netty has no constant for, in Netty's interned form. */
public final class ProxyHeaderNames {

    public static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    public static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    public static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    /** RFC 7239's standard form of the forwarding chain. */
    public static final AsciiString FORWARDED = AsciiString.cached("forwarded");
    /** Carries the event ID to both backends; replays carry the same one so duplicates drop. */
    public static final AsciiString X_CUTOVER_EVENT_ID = AsciiString.cached("x-cutover-event-id");

    private ProxyHeaderNames() {}
}
