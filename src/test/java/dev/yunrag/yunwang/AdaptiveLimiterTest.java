package dev.yunrag.yunwang;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdaptiveLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final AdaptiveLimiter limiter = new AdaptiveLimiter(8, now::get);

    @Test
    void halvesOnEach429AndGrowsBackByOnePerLimitManySuccesses() {
        limiter.onRateLimited(null);
        limiter.onRateLimited(null);
        assertThat(limiter.limit()).isEqualTo(2);

        limiter.onSuccess();
        limiter.onSuccess();
        assertThat(limiter.limit()).isEqualTo(3);
        for (int i = 0; i < 100; i++) {
            limiter.onSuccess();
        }
        assertThat(limiter.limit()).as("never above max-concurrency").isEqualTo(8);
    }

    @Test
    void neverBelowOne() {
        for (int i = 0; i < 10; i++) {
            limiter.onRateLimited(null);
        }
        assertThat(limiter.limit()).isEqualTo(1);
    }

    @Test
    void retryAfterHoldsEveryNewCallBackUntilItHasPassed() throws InterruptedException {
        limiter.onRateLimited(Duration.ofSeconds(1));

        // The clock stands still: the deadline (now) passes before the pause does.
        assertThat(limiter.acquire(now.get())).isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limiter.acquire(now.get() + 1)).isTrue();
        assertThat(limiter.inFlight()).isEqualTo(1);
    }
}
