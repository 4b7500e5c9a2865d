package dev.yunrag.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for background work so that its own exception, not a wrapper, reaches the caller's error handling. */
public final class Futures {

    private Futures() {
    }

    /**
     * The future's value; a {@link RuntimeException} thrown by the task is rethrown as it is (so that, e.g., a
     * {@code YunwangException} keeps its kind), anything else is wrapped.
     */
    public static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for background work", e);
        }
    }
}
