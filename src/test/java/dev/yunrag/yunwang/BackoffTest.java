package dev.yunrag.yunwang;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100));

    @RepeatedTest(20)
    void delayDoublesPerAttemptWithJitterBetweenHalfAndAll() {
        assertThat(backoff.delay(1, null)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(backoff.delay(3, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void retryAfterIsAFloor() {
        assertThat(backoff.delay(1, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        assertThat(backoff.delay(1, Duration.ofHours(1))).isEqualTo(Backoff.MAX_DELAY);
        assertThat(backoff.delay(40, null)).isLessThanOrEqualTo(Backoff.MAX_DELAY);
    }

    @Test
    void retryAfterInSecondsIsParsedOtherFormsIgnored() {
        assertThat(Backoff.parseRetryAfter(" 3 ")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
        assertThat(Backoff.parseRetryAfter(null)).isNull();
    }
}
