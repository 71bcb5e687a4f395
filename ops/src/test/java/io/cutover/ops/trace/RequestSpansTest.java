package io.cutover.ops.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestSpansTest {

    private static final long START = 1_764_576_000_000_000_000L;
    private static final long MS = 1_000_000L;

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Tracing tracing = Tracing.to("cutover-test", exporter);
    private final RequestSpans spans = new RequestSpans(tracing.tracer());

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void writesTheRequestSpanWithTheEventIdAndOneChildPerAttemptAtItsRealTimes() {
        spans.record(
                "0190f1c2-7a3b-7cde-8f01-23456789abcd",
                "GET",
                "r.cfm",
                "legacy",
                "legacy",
                302,
                START,
                40 * MS,
                List.of(
                        new RequestSpans.Attempt("primary", "connect", 0, 1 * MS, 3 * MS),
                        new RequestSpans.Attempt("legacy", "ok", 302, 5 * MS, 30 * MS)));

        List<SpanData> finished = exporter.getFinishedSpanItems();
        assertThat(finished).hasSize(3);
        SpanData request = finished.stream()
                .filter(s -> s.getKind() == SpanKind.SERVER)
                .findFirst()
                .orElseThrow();
        assertThat(request.getName()).isEqualTo("GET r.cfm");
        assertThat(request.getParentSpanContext().isValid()).isFalse();
        assertThat(request.getAttributes().get(RequestSpans.EVENT_ID))
                .isEqualTo("0190f1c2-7a3b-7cde-8f01-23456789abcd");
        assertThat(request.getAttributes().get(RequestSpans.ROUTE)).isEqualTo("legacy");
        assertThat(request.getAttributes().get(RequestSpans.FATE)).isEqualTo("legacy");
        assertThat(request.getAttributes().get(RequestSpans.STATUS)).isEqualTo(302L);
        assertThat(request.getStartEpochNanos()).isEqualTo(START);
        assertThat(request.getEndEpochNanos()).isEqualTo(START + 40 * MS);

        List<SpanData> attempts = finished.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT)
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
                .toList();
        assertThat(attempts).extracting(SpanData::getName).containsExactly("attempt primary", "attempt legacy");
        for (SpanData attempt : attempts) {
            assertThat(attempt.getTraceId()).isEqualTo(request.getTraceId());
            assertThat(attempt.getParentSpanId()).isEqualTo(request.getSpanId());
            assertThat(attempt.getAttributes().get(RequestSpans.EVENT_ID))
                    .isEqualTo("0190f1c2-7a3b-7cde-8f01-23456789abcd");
        }
        SpanData primary = attempts.get(0);
        assertThat(primary.getStartEpochNanos()).isEqualTo(START + MS);
        assertThat(primary.getEndEpochNanos()).isEqualTo(START + 4 * MS);
        assertThat(primary.getAttributes().get(RequestSpans.OUTCOME)).isEqualTo("connect");
        assertThat(primary.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        SpanData legacy = attempts.get(1);
        assertThat(legacy.getStartEpochNanos()).isEqualTo(START + 5 * MS);
        assertThat(legacy.getEndEpochNanos()).isEqualTo(START + 35 * MS);
        assertThat(legacy.getAttributes().get(RequestSpans.STATUS)).isEqualTo(302L);
        assertThat(legacy.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void laysAnAttemptOfUnknownStartRightAfterTheOneBefore() {
        spans.record(
                "e",
                "GET",
                "sale.cfm",
                "local",
                "queued",
                200,
                START,
                20 * MS,
                List.of(
                        new RequestSpans.Attempt("primary", "connect", 0, -1, 2 * MS),
                        new RequestSpans.Attempt("legacy", "reset", 0, -1, 3 * MS)));

        List<SpanData> attempts = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT)
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
                .toList();
        assertThat(attempts.get(0).getStartEpochNanos()).isEqualTo(START);
        assertThat(attempts.get(1).getStartEpochNanos()).isEqualTo(START + 2 * MS);
        assertThat(attempts.get(1).getEndEpochNanos()).isEqualTo(START + 5 * MS);
    }

    @Test
    void writesARequestWithoutEventIdOrAttempts() {
        spans.record(null, "GET", "other", "local", "untracked", 404, START, MS, List.of());

        assertThat(exporter.getFinishedSpanItems()).singleElement().satisfies(span -> {
            assertThat(span.getAttributes().get(RequestSpans.EVENT_ID)).isNull();
            assertThat(span.getAttributes().get(RequestSpans.FATE)).isEqualTo("untracked");
        });
    }

    @Test
    void marksAnAnswerOfTheServerErrorClassAsAnError() {
        spans.record(null, "GET", "other", "local", "untracked", 502, START, MS, List.of());

        assertThat(exporter.getFinishedSpanItems().get(0).getStatus().getStatusCode())
                .isEqualTo(StatusCode.ERROR);
    }
}
