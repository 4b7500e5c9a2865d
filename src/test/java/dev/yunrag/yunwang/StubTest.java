package dev.yunrag.yunwang;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Starts one stub per test instance; JUnit creates an instance per test method. */
abstract class StubTest {

    protected final YunwangStub stub = start();

    private static YunwangStub start() {
        try {
            return new YunwangStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.api.AfterEach
    void stopStub() {
        stub.close();
    }
}
