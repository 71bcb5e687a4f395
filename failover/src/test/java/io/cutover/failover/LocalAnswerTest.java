package io.cutover.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalAnswerTest {

    @Test
    void redirectsToSafeLanding() {
        LocalAnswer answer = LocalAnswer.redirect("https://www.example.com/page?id=6");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).isEqualTo("https://www.example.com/page?id=6");
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void refusesToRedirectToUnsafeLocation() {
        assertThatThrownBy(() -> LocalAnswer.redirect("https://x.example/\nSet-Cookie: a=b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("location:");
        assertThatThrownBy(() -> LocalAnswer.redirect("data:text/html,hi"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answersConversionsWithTransparentGif() {
        LocalAnswer pixel = LocalAnswer.pixel();

        assertThat(pixel.status()).isEqualTo(200);
        assertThat(pixel.contentType()).isEqualTo("image/gif");
        assertThat(pixel.body()).hasSize(43).startsWith('G', 'I', 'F', '8', '9', 'a');
        assertThat(pixel.body()[42]).isEqualTo((byte) 0x3b);
    }

    @Test
    void keepsThePixelIntactWhateverACallerDoesWithItsBody() {
        LocalAnswer.pixel().body()[0] = 'X';

        assertThat(LocalAnswer.pixel().body()[0]).isEqualTo((byte) 'G');
    }

    @Test
    void deadlineCountsDownOnInjectedTicker() {
        ScriptedBackend.ManualTicker ticker = new ScriptedBackend.ManualTicker();
        Deadline deadline = Deadline.after(Duration.ofMillis(100), ticker);

        ticker.advance(40_000_000L);
        assertThat(deadline.remainingNanos()).isEqualTo(60_000_000L);
        ticker.advance(100_000_000L);
        assertThat(deadline.remainingNanos()).isZero();
    }
}
