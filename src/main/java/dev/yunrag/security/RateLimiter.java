package dev.yunrag.security;

import dev.yunrag.config.YunragConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code yunrag.security.requests-per-minute} per API key: a token bucket per key that holds a minute's worth and
 * refills continuously, so a key may burst and then goes at the steady rate. One key hammering the server (each ask
 * costs embedding and possibly a 72B model call) no longer takes everyone's capacity.
 */
@ApplicationScoped
public class RateLimiter {

    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(YunragConfig config) {
        this(config.security().requestsPerMinute());
    }

    RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    public boolean enabled() {
        return perMinute > 0;
    }

    /** Takes one request from the key's allowance; empty when allowed, else the seconds until one is free. */
    public OptionalLong acquire(String key) {
        if (!enabled()) {
            return OptionalLong.empty();
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(perMinute)).take(System.nanoTime());
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int perMinute) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.tokens = perMinute;
            this.last = System.nanoTime();
        }

        synchronized OptionalLong take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9)));
        }
    }
}
