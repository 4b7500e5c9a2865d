package dev.yunrag.yunwang;

import java.time.Duration;

/** Endpoints with short timeouts and back-off, so that fault tests stay fast. */
final class TestEndpoints {

    static final String KEY = "sk-test-SECRET-0123456789";

    private TestEndpoints() {
    }

    static YunwangEndpoint endpoint(YunwangStub stub, String name, AuthScheme scheme) {
        return YunwangEndpoint.of(name, stub.baseUrl(), KEY, scheme)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetries(2, Duration.ofMillis(10))
                .withBreaker(50, Duration.ofSeconds(30));
    }

    static YunwangHttp http(YunwangStub stub, String name, AuthScheme scheme) {
        return new YunwangHttp(endpoint(stub, name, scheme));
    }
}
