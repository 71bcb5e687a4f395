package io.cutover.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cutover.proxy.testing.NettyLeaks;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Any bytes a client can send, through the production client pipeline and a real flow ({@link
 * EdgePipeline}): Cutover answers each with something other than a 5xx of its own, or closes; no
 * exception leaves a handler; no buffer leaks (the class's {@link NettyLeaks} check). Each input
 * is sent as one read and again in 7-byte reads, so state kept across reads (the obs-fold guard,
 * the head deadline, the codec) is fuzzed too. Seeds: requests as browsers send them, and each
 * kind of smuggling attempt.
 */
@ExtendWith(NettyLeaks.class)
class RawRequestFuzzTest {

    @FuzzTest
    // libFuzzer dictionary lines cannot hold CR or LF: the seeds bring the line ends.
    @DictionaryEntries({
        "GET ",
        "HEAD ",
        " HTTP/1.1",
        " HTTP/1.0",
        "Host: x",
        "Content-Length: ",
        "Transfer-Encoding: chunked",
        "Connection: ",
        "X-Forwarded-For: ",
        "Cookie: ",
        "/r.cfm?b=1632110&u=873588&m=41388&urllink=",
        "/sale.cfm?merchantID=41388&tracking=",
        "/u.cfm?",
        "/m-pr.cfm?",
        "%0d%0a"
    })
    void anyBytesGetAnAnswerThatIsNotCutoversOwn5xxOrAClose(byte[] data) {
        check(data, data.length == 0 ? 1 : data.length);
        check(data, 7);
    }

    private static void check(byte[] data, int chunk) {
        try (EdgePipeline edge = new EdgePipeline()) {
            for (int from = 0; from < data.length; from += chunk) {
                edge.send(Arrays.copyOfRange(data, from, Math.min(data.length, from + chunk)));
            }
            String written = edge.settled(10_000);

            assertThat(edge.pending()).as("events still in flight").isZero();
            assertThat(edge.exceptions).as("exceptions out of a handler").isEmpty();
            edge.channel.checkException();
            assertThat(edge.statuses())
                    .as("Cutover's own answers to %s", printable(data))
                    .allMatch(status -> status < 500, "below 500");
            assertThat(written.startsWith("HTTP/1.1 ") || written.isEmpty())
                    .as("a whole response or nothing: %s", written)
                    .isTrue();
        }
    }

    private static String printable(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < data.length && i < 300; i++) {
            int b = data[i] & 0xff;
            out.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return out.toString();
    }
}
