package io.cutover.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cutover.proxy.testing.NettyLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FoldedHeaderGuard} skips most of each line with the buffer's search for the line feed;
 * {@link FoldedHeaderGuardReference} is the byte-at-a-time guard it replaced. Both must pass on
 * the same bytes, refuse at the same place and stop scanning after the same head, whatever the
 * bytes and however the reads split them: each input below goes through both in reads of every
 * size from 1 byte to the whole input.
 */
@ExtendWith(NettyLeaks.class)
class FoldedHeaderGuardTest {

    private static final String GET = "GET /r.cfm?b=1632110&u=873588&m=41388&urllink=&afftrack= HTTP/1.1\r\n";

    static Stream<String> heads() {
        List<String> heads = new ArrayList<>(List.of(
                GET + "Host: x\r\n\r\n",
                GET + "Host: x\r\nX-A: b\r\n c\r\n\r\n",
                GET + "Host: x\r\nUser-Agent: a\r\n\tb\r\n\r\n",
                GET + " Host: x\r\n\r\n",
                GET + "Host: x\r\n\r\n" + GET + "Host: x\r\nX-A: b\r\n c\r\n\r\n",
                GET + "Host: x\r\nContent-Length: 5\r\n\r\nhello" + GET + "Host: x\r\n a\r\n\r\n",
                GET + "Host: x\r\ncontent-length: 0\r\n\r\n" + GET + "Host: x\r\n\ta\r\n\r\n",
                GET + "Host: x\r\nContent-Length:  0 \r\n\r\n" + GET + "X: y\r\n z\r\n\r\n",
                GET + "Host: x\r\nContent-Length: 00\r\n\r\n" + GET + "X: y\r\n z\r\n\r\n",
                GET + "Host: x\r\nContent-Length: 0000000000000000000000\r\n\r\n" + GET + "X: y\r\n z\r\n\r\n",
                GET + "Host: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + GET + "X: y\r\n z\r\n\r\n",
                GET + "Host: x\r\nTRANSFER-ENCODING:\r\n chunked\r\n\r\n0\r\n\r\n",
                GET + "Host: x\nX-A: b\n c\n\n",
                GET + "Host: x\r\n\r\n\r\n\r\n" + GET + "Host: x\r\n\r\n",
                "\r\n\r\n" + GET + "Host: x\r\n\r\n",
                " " + GET + "Host: x\r\n\r\n",
                GET + "Host: x\r\nCookie: " + "a=b; ".repeat(200) + "\r\n c\r\n\r\n",
                GET + "Host: x\r\nX-Very-Long-Header-Name-Beyond-The-Prefix: 1\r\n\r\n",
                GET + "Host: x\r\r\n\r\n",
                ""));
        heads.addAll(seeds());
        return heads.stream();
    }

    @ParameterizedTest
    @MethodSource("heads")
    void passesRefusesAndStopsWhereTheByteAtATimeGuardDid(String head) {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        for (int read = 1; read <= Math.max(1, bytes.length); read++) {
            assertThat(run(FoldedHeaderGuard::new, bytes, read))
                    .as("reads of %d bytes of %s", read, head)
                    .isEqualTo(run(FoldedHeaderGuardReference::new, bytes, read));
        }
    }

    @Test
    void refusesAFoldAfterTheBytesOfTheRequestsBeforeIt() {
        String first = GET + "Host: x\r\n\r\n";
        byte[] bytes = (first + GET + "Host: x\r\nX-A: b\r\n c\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        List<String> out = run(FoldedHeaderGuard::new, bytes, bytes.length);

        String passed = first + GET + "Host: x\r\nX-A: b\r\n";
        assertThat(out).containsExactly(passed, "refused: " + FoldedHeaderGuard.REASON);
    }

    /** Any bytes, in one read, in 7-byte reads and in reads of a size the input picks. */
    @FuzzTest
    void anyBytesGetTheByteAtATimeGuardsAnswer(byte[] data) {
        int picked = data.length == 0 ? 1 : 1 + (data[0] & 0x1f);
        for (int read : new int[] {Math.max(1, data.length), 7, picked}) {
            assertThat(run(FoldedHeaderGuard::new, data, read))
                    .isEqualTo(run(FoldedHeaderGuardReference::new, data, read));
        }
    }

    /** What leaves the guard: the bytes passed on (a read's worth each), and a refusal. */
    private static List<String> run(Supplier<ChannelHandler> guard, byte[] bytes, int read) {
        EmbeddedChannel channel = new EmbeddedChannel(guard.get());
        for (int from = 0; from < bytes.length; from += read) {
            channel.writeInbound(
                    Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + read))));
        }
        // Consecutive reads passed on whole are joined: where one read ends is not the guard's doing.
        List<String> out = new ArrayList<>();
        StringBuilder passed = new StringBuilder();
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            if (msg instanceof ByteBuf buf) {
                passed.append(buf.toString(StandardCharsets.ISO_8859_1));
                buf.release();
            } else if (msg instanceof FullHttpRequest failed) {
                if (passed.length() > 0) {
                    out.add(passed.toString());
                    passed.setLength(0);
                }
                out.add("refused: " + failed.decoderResult().cause().getMessage());
                failed.release();
            }
        }
        if (passed.length() > 0) {
            out.add(passed.toString());
        }
        channel.finishAndReleaseAll();
        return out;
    }

    /** The raw-request fuzz target's seeds, from the test classpath. */
    private static List<String> seeds() {
        URL seedDir = RawRequestFuzzTest.class.getResource(
                "RawRequestFuzzTestInputs/anyBytesGetAnAnswerThatIsNotCutoversOwn5xxOrAClose");
        assertThat(seedDir).as("the raw-request fuzz seeds").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(seedDir.toURI()))) {
            List<String> seeds = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                seeds.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
            assertThat(seeds).isNotEmpty();
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
