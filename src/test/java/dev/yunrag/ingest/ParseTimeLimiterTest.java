package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ParseTimeLimiterTest {

    /** Work that ignores interrupts, like a parser stuck in a loop, until the test lets it go. */
    private static String stuck(CountDownLatch release) {
        while (release.getCount() > 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException ignored) {
                // ignored on purpose: that is what a stuck parser does
            }
        }
        return "late";
    }

    @Test
    void abandonedParsesThatIgnoreInterruptsDoNotMakeLaterParsesTimeOut() throws Exception {
        // given: three parses that ignore their interrupt and never finish (more than the two threads the pool had)
        ParseTimeLimiter limiter = new ParseTimeLimiter(Duration.ofMillis(200));
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> limiter.run(() -> stuck(release)))
                        .isInstanceOf(ParseTimeLimiter.ParseTimedOut.class);
            }
            assertThat(limiter.running()).isEqualTo(3);

            // when / then: a quick parse still runs and returns its result
            assertThat(limiter.run(() -> "parsed")).isEqualTo("parsed");
        } finally {
            release.countDown();
        }
    }

    @Test
    void beyondTheCapNewParsesAreRefusedAtOnceAsBusy() throws Exception {
        // given: as many stuck parses as may run at once
        ParseTimeLimiter limiter = new ParseTimeLimiter(Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < ParseTimeLimiter.MAX_RUNNING; i++) {
                assertThatThrownBy(() -> limiter.run(() -> stuck(release)))
                        .isInstanceOf(ParseTimeLimiter.ParseTimedOut.class);
            }

            // when / then: the next one is refused with a reason, not queued behind them
            assertThatThrownBy(() -> limiter.run(() -> "parsed")).isInstanceOf(IngestFailure.class)
                    .hasMessageStartingWith("parser busy: " + ParseTimeLimiter.MAX_RUNNING + " parses still running");
        } finally {
            release.countDown();
        }
    }
}
