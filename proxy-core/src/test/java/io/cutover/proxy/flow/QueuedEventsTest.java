package io.cutover.proxy.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.failover.BackendFailure;
import io.cutover.failover.Route;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.mapping.LinkKind;
import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.MappingTable;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueuedEventsTest {

    private static final Translator TRANSLATOR = new Translator(MappingTable.builtIn(), FileDirectory.sample());
    private static final String CLICK = "b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";
    private static final Route<Object> LOCAL = Route.local(List.of(
            new Route.Step("primary", BackendFailure.CONNECT, 0, 1_000),
            new Route.Step("legacy", BackendFailure.CONNECT, 0, 2_000)));

    private static Exchange exchange(LinkKind kind, String uri, String query, String clientIp) {
        ClientHeaders headers = new ClientHeaders(
                "www.shareasale.com",
                "Mozilla/5.0",
                "text/html",
                "en",
                "https://publisher.example/",
                "aw15532=secret; other=1",
                clientIp,
                clientIp,
                "https");
        return new Exchange(
                "01a20393-042e-7d08-9a86-29396a7eacec",
                kind,
                HttpMethod.GET,
                uri,
                TRANSLATOR.translate(kind, query),
                headers,
                0);
    }

    @Test
    void keepsTheTranslatedRequestOfAMappedClickForThePrimary() {
        QueuedEvent event = QueuedEvents.of(
                exchange(LinkKind.BANNER_CLICK, "/r.cfm?" + CLICK, CLICK, "203.0.113.77"), LOCAL, 1_795_356_296_123L);

        assertThat(event.eventId()).isEqualTo("01a20393-042e-7d08-9a86-29396a7eacec");
        assertThat(event.endpoint()).isEqualTo("r.cfm");
        assertThat(event.kind()).isEqualTo(QueuedEvent.Kind.CLICK);
        assertThat(event.target()).isEqualTo(QueuedEvent.Target.PRIMARY);
        assertThat(event.uri()).startsWith("/cread.php?awinmid=15532&awinaffid=402911");
        assertThat(event.receivedAtMillis()).isEqualTo(1_795_356_296_123L);
        assertThat(event.reason()).isEqualTo("primary:connect,legacy:connect");
    }

    @Test
    void keepsOnlyTheUserAgentAndTheTruncatedAddress() {
        QueuedEvent v4 =
                QueuedEvents.of(exchange(LinkKind.BANNER_CLICK, "/r.cfm?" + CLICK, CLICK, "203.0.113.77"), LOCAL, 0);
        QueuedEvent v6 = QueuedEvents.of(
                exchange(LinkKind.BANNER_CLICK, "/r.cfm?" + CLICK, CLICK, "2001:db8:85a3:8d3::7348"), LOCAL, 0);

        assertThat(v4.headers())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("User-Agent", "Mozilla/5.0", "X-Forwarded-For", "203.0.113.0"));
        assertThat(v6.headers()).containsEntry("X-Forwarded-For", "2001:db8:85a3::");
    }

    @Test
    void keepsTheOriginalRequestOfAnUnmappedClickForLegacy() {
        String query = "b=1&u=111111&m=24570&urllink=&afftrack=";

        QueuedEvent event = QueuedEvents.of(exchange(LinkKind.BANNER_CLICK, "/r.cfm?" + query, query, "-"), LOCAL, 0);

        assertThat(event.target()).isEqualTo(QueuedEvent.Target.LEGACY);
        assertThat(event.uri()).isEqualTo("/r.cfm?" + query);
        assertThat(event.headers()).containsOnlyKeys("User-Agent");
    }

    @Test
    void replaysAMappedClickThatLegacyMayHaveCountedToLegacyNotToThePrimary() {
        for (BackendFailure failure : List.of(BackendFailure.READ_TIMEOUT, BackendFailure.RESET)) {
            Route<Object> route = Route.local(List.of(
                    new Route.Step("primary", BackendFailure.BREAKER_OPEN, 0, 1_000),
                    new Route.Step("legacy", failure, 0, 2_000)));

            QueuedEvent event =
                    QueuedEvents.of(exchange(LinkKind.BANNER_CLICK, "/r.cfm?" + CLICK, CLICK, "-"), route, 0);

            assertThat(event.target()).as(failure.tag()).isEqualTo(QueuedEvent.Target.LEGACY);
            assertThat(event.uri()).isEqualTo("/r.cfm?" + CLICK);
        }
    }
}
