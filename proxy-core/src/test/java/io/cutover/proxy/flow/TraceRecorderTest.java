package io.cutover.proxy.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.failover.BackendFailure;
import io.cutover.failover.Fate;
import io.cutover.failover.Route;
import io.cutover.mapping.LinkKind;
import io.cutover.ops.trace.RequestSpans;
import io.cutover.ops.trace.Tracing;
import io.netty.handler.codec.http.HttpMethod;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the request's way recorded, as spans: the SDK's in-memory exporter reads them back. */
class TraceRecorderTest {

    private static final long MS = 1_000_000L;
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Tracing tracing = Tracing.to("cutover-test", exporter);
    private final TraceRecorder recorder =
            new TraceRecorder(new RequestSpans(tracing.tracer()), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        tracing.close();
    }

    private static Exchange exchange(String eventId, LinkKind kind, long startNanos) {
        ClientHeaders headers = new ClientHeaders(
                "www.shareasale.com", "Mozilla/5.0", null, null, null, null, "203.0.113.9", null, "https");
        return new Exchange(eventId, kind, HttpMethod.GET, "/r.cfm?b=1", null, headers, startNanos);
    }

    @Test
    void placesEachAttemptAtItsStartOnTheProxysTickerUnderTheRequestsSpan() {
        long start = 5_000 * MS;
        Route<Object> route = new Route<>(
                Fate.LEGACY,
                null,
                302,
                List.of(
                        new Route.Step("primary", BackendFailure.CONNECT, 0, 2 * MS, start + MS),
                        new Route.Step("legacy", null, 302, 10 * MS, start + 4 * MS)));

        recorder.tracked(exchange("e-1", LinkKind.BANNER_CLICK, start), Fate.LEGACY, 302, route, 20 * MS);

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData request = spans.stream()
                .filter(s -> s.getKind() == SpanKind.SERVER)
                .findFirst()
                .orElseThrow();
        long end = NOW.getEpochSecond() * 1_000_000_000L;
        assertThat(request.getName()).isEqualTo("GET r.cfm");
        assertThat(request.getEndEpochNanos()).isEqualTo(end);
        assertThat(request.getStartEpochNanos()).isEqualTo(end - 20 * MS);
        assertThat(request.getAttributes().get(RequestSpans.EVENT_ID)).isEqualTo("e-1");
        assertThat(request.getAttributes().get(RequestSpans.ROUTE)).isEqualTo("legacy");
        List<SpanData> attempts = spans.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT)
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
                .toList();
        assertThat(attempts)
                .extracting(s -> s.getAttributes().get(RequestSpans.OUTCOME))
                .containsExactly("connect", "ok");
        assertThat(attempts.get(0).getStartEpochNanos()).isEqualTo(end - 20 * MS + MS);
        assertThat(attempts.get(1).getStartEpochNanos()).isEqualTo(end - 20 * MS + 4 * MS);
        assertThat(attempts.get(1).getEndEpochNanos()).isEqualTo(end - 20 * MS + 14 * MS);
        assertThat(attempts).allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(request.getSpanId()));
    }

    @Test
    void tracesALocalAnswerARefusalAndAPassThrough() {
        recorder.tracked(exchange("e-2", LinkKind.CONVERSION, 0), Fate.QUEUED, 200, Route.local(List.of()), MS);
        recorder.rejected(LinkKind.BANNER_CLICK, RejectReason.UNUSABLE_LINK, "e-3", "/r.cfm?u=x", "203.0.113.9", MS);
        recorder.passedThrough(exchange(null, LinkKind.PASS_THROUGH, 0), 404, null, MS);

        assertThat(exporter.getFinishedSpanItems())
                .extracting(
                        s -> s.getName(),
                        s -> s.getAttributes().get(RequestSpans.ROUTE),
                        s -> s.getAttributes().get(RequestSpans.FATE))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET sale.cfm", "local", "queued"),
                        org.assertj.core.groups.Tuple.tuple("GET r.cfm", "none", "rejected"),
                        org.assertj.core.groups.Tuple.tuple("GET other", "local", "untracked"));
    }
}
