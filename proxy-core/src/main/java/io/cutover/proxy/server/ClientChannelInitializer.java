package io.cutover.proxy.server;

import io.cutover.proxy.config.EdgeSettings;
import io.cutover.proxy.config.Http2Limits;
import io.cutover.proxy.config.ServerSettings;
import io.cutover.proxy.flow.TrackingFlow;
import io.cutover.proxy.tls.ServerCertificates;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Builds a client connection's pipeline in flow order: transport (connection caps, idle), then
 * for the HTTPS listener TLS (the certificate chosen by SNI) and ALPN, then HTTP, then tracking
 * (the receiver). Handler names are constants in that order.
 *
 * <p>HTTP/1.1 (plain, or over TLS when ALPN picks it) is one chain built by {@link
 * #addHttp1Handlers}: request-head deadline, obs-fold guard, strict codec, strict-request checks,
 * keep-alive, drain, request assembly (bodies counted and dropped), the receiver, one request at a time. HTTP/2 is Netty's
 * frame codec and multiplexer on the connection, and on each stream a child channel whose chain
 * ({@link #addStreamHandlers}) turns the stream's frames into the same request object and hands
 * it to the same receiver: one stream is one request through the same flow. Keep-alive,
 * pipelining and the HTTP/1.1 framing checks stay out of the streams (HTTP/2 frames carry their
 * own lengths, and Netty's codec validates the headers).
 */
public final class ClientChannelInitializer extends ChannelInitializer<Channel> {

    public static final String CONNECTION_LIMIT = "connectionLimit";
    public static final String IDLE = "idle";
    public static final String TLS = "tls";
    public static final String ALPN = "alpn";
    public static final String HEAD_DEADLINE = "headDeadline";
    public static final String FOLD_GUARD = "foldGuard";
    public static final String CODEC = "codec";
    public static final String HEAD_RECEIVED = "headReceived";
    public static final String STRICT = "strict";
    public static final String KEEP_ALIVE = "keepAlive";
    public static final String DRAIN = "drain";
    public static final String AGGREGATOR = "aggregator";
    public static final String H2_CODEC = "h2Codec";
    public static final String H2_IDLE = "h2Idle";
    public static final String H2_STREAMS = "h2Streams";
    public static final String STREAM_CODEC = "streamCodec";
    public static final String EARLY_ANSWER = "earlyAnswer";
    public static final String RECEIVER = "receiver";

    private final ServerSettings settings;
    private final EdgeSettings edge;
    private final ConnectionLimiter limiter;
    private final EdgeObserver observer;
    private final TrackingFlow flow;
    private final LongSupplier ticker;
    private final Drain drain;
    private final ServerCertificates certificates;
    private final Http2Limits http2;

    /** The plain HTTP/1.1 listener without connection caps (tests of one connection). */
    public ClientChannelInitializer(ServerSettings settings, TrackingFlow flow, LongSupplier ticker) {
        this(settings, flow, ticker, new Drain(ticker));
    }

    /** @param drain what counts this listener's requests in flight and closes its connections on a drain */
    public ClientChannelInitializer(ServerSettings settings, TrackingFlow flow, LongSupplier ticker, Drain drain) {
        this(settings, EdgeSettings.defaults(), null, EdgeObserver.NONE, flow, ticker, drain, null, null);
    }

    /**
     * The HTTPS listener without connection caps, or the plain one when {@code certificates} is
     * {@code null}.
     *
     * @param http2 the HTTP/2 limits (HTTP/2 is offered when ALPN lists it)
     */
    public ClientChannelInitializer(
            ServerSettings settings,
            TrackingFlow flow,
            LongSupplier ticker,
            ServerCertificates certificates,
            Http2Limits http2) {
        this(
                settings,
                EdgeSettings.defaults(),
                null,
                EdgeObserver.NONE,
                flow,
                ticker,
                new Drain(ticker),
                certificates,
                http2);
    }

    /**
     * The plain listener with its edge rules.
     *
     * @param limiter the listener's connection caps, shared by all its connections; {@code null}
     *     for none
     */
    public ClientChannelInitializer(
            ServerSettings settings,
            EdgeSettings edge,
            ConnectionLimiter limiter,
            EdgeObserver observer,
            TrackingFlow flow,
            LongSupplier ticker) {
        this(settings, edge, limiter, observer, flow, ticker, new Drain(ticker), null, null);
    }

    /**
     * Every part.
     *
     * @param limiter the connection caps, shared by every connection of every listener; {@code
     *     null} for none
     * @param drain what counts requests in flight and closes connections on a drain
     * @param certificates the HTTPS listener's certificates; {@code null} for plain HTTP
     * @param http2 the HTTP/2 limits over TLS; unused for plain HTTP
     */
    public ClientChannelInitializer(
            ServerSettings settings,
            EdgeSettings edge,
            ConnectionLimiter limiter,
            EdgeObserver observer,
            TrackingFlow flow,
            LongSupplier ticker,
            Drain drain,
            ServerCertificates certificates,
            Http2Limits http2) {
        this.settings = settings;
        this.edge = edge;
        this.limiter = limiter;
        this.observer = observer;
        this.flow = flow;
        this.ticker = ticker;
        this.drain = drain;
        this.certificates = certificates;
        this.http2 = http2;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        addTransportHandlers(p);
        if (certificates == null) {
            addHttp1Handlers(p, "http");
        } else {
            addTlsHandlers(p);
        }
    }

    private void addTransportHandlers(ChannelPipeline p) {
        if (limiter != null) {
            p.addLast(CONNECTION_LIMIT, limiter);
        }
        p.addLast(IDLE, new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * The SNI handler reads the ClientHello, asks for the certificate of the name it carries and
     * replaces itself with the TLS handler; ALPN then picks the HTTP chain.
     */
    private void addTlsHandlers(ChannelPipeline p) {
        p.addLast(TLS, new SniHandler(certificates::select));
        p.addLast(ALPN, new ClientProtocolNegotiator(this));
    }

    /**
     * HTTP/1.1 on a connection, plain ({@code scheme} http) or over TLS (https). The head deadline
     * and the receiver also work when added to a connection already open, as after ALPN.
     */
    void addHttp1Handlers(ChannelPipeline p, String scheme) {
        RequestHeadDeadline headDeadline = new RequestHeadDeadline(edge.requestHeadTimeout(), ticker, observer);
        p.addLast(HEAD_DEADLINE, headDeadline.bytes());
        p.addLast(FOLD_GUARD, new FoldedHeaderGuard());
        p.addLast(
                CODEC,
                new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(settings.maxInitialLine())
                        .setMaxHeaderSize(settings.maxHeaderSize())
                        // Bare LF ends no line, and Content-Length beside Transfer-Encoding is refused
                        // (RFC 9112 §2.2, §6.3), rather than resolved by a guess another hop may not share.
                        .setStrictLineParsing(true)
                        .setUseRfc9112TransferEncoding(true)));
        p.addLast(HEAD_RECEIVED, headDeadline.heads());
        p.addLast(STRICT, new StrictRequestValidator());
        p.addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler());
        p.addLast(DRAIN, drain.handler());
        p.addLast(AGGREGATOR, new RequestAssembler(settings.maxBody()));
        addTrackingHandlers(p, scheme);
    }

    /**
     * HTTP/2 on a TLS connection, with its limits: concurrent streams and header list size
     * announced in SETTINGS and enforced by the decoder; a client resetting more streams than
     * allowed per window (rapid reset) gets GOAWAY(ENHANCE_YOUR_CALM) and is cut off.
     */
    void addHttp2Handlers(ChannelPipeline p) {
        Http2Settings initial = Http2Settings.defaultSettings()
                .maxConcurrentStreams(http2.maxConcurrentStreams())
                .maxHeaderListSize(http2.maxHeaderListSize());
        p.addLast(
                H2_CODEC,
                Http2FrameCodecBuilder.forServer()
                        .initialSettings(initial)
                        .validateHeaders(true)
                        // A connection told GOAWAY lets its streams finish; the drain's own bound is what ends them.
                        .gracefulShutdownTimeoutMillis(settings.idleTimeout().toMillis())
                        .decoderEnforceMaxRstFramesPerWindow(http2.maxResetsPerWindow(), (int)
                                Math.max(1, http2.resetWindow().toSeconds()))
                        .build());
        p.addLast(H2_IDLE, new Http2IdleCloser(drain));
        p.addLast(H2_STREAMS, new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                addStreamHandlers(stream.pipeline());
            }
        }));
    }

    /** One HTTP/2 stream: frames to one request for the receiver, its answer back to frames. */
    void addStreamHandlers(ChannelPipeline p) {
        p.addLast(EARLY_ANSWER, new Http2EarlyAnswerEnder());
        p.addLast(STREAM_CODEC, new Http2StreamFrameToHttpObjectCodec(true));
        // Counted in flight like an HTTP/1.1 request; its Connection: close mark is dropped by the
        // HTTP/2 conversion, which never sends connection-specific headers.
        p.addLast(DRAIN, drain.handler());
        p.addLast(AGGREGATOR, new RequestAssembler(settings.maxBody()));
        addTrackingHandlers(p, "https");
    }

    private void addTrackingHandlers(ChannelPipeline p, String scheme) {
        p.addLast(RECEIVER, new ClientRequestReceiver(flow, settings, edge, ticker, scheme));
    }
}
