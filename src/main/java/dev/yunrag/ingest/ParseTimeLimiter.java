package dev.yunrag.ingest;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs parses on a small pool of daemon threads and stops waiting after a timeout. Tika parsers may ignore
 * interrupts, so an abandoned parse can keep its thread busy for a while; daemon threads never block JVM exit and
 * the bounded pool and queue keep a stream of stuck parses from eating all memory (new parses are then refused).
 */
final class ParseTimeLimiter {

    /** A parse that did not finish in time. */
    static final class ParseTimedOut extends Exception {
        ParseTimedOut(Duration timeout) {
            super("parse timed out after " + describe(timeout));
        }
    }

    private static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final int QUEUED = 64;

    private final Duration timeout;
    private final ThreadPoolExecutor executor;

    ParseTimeLimiter(Duration timeout) {
        this.timeout = timeout;
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUED), Thread.ofPlatform().daemon().name("yunrag-parse-", 0).factory());
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code work} and returns its result.
     *
     * @throws ParseTimedOut      when it runs longer than the timeout (the work is interrupted and abandoned)
     * @throws ExecutionException with the work's own failure as cause
     */
    <T> T run(Callable<T> work) throws ParseTimedOut, ExecutionException, IngestFailure {
        Future<T> future;
        try {
            future = executor.submit(work);
        } catch (RejectedExecutionException e) {
            throw new IngestFailure("parser busy: too many parses still running, try again later");
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ParseTimedOut(timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IngestFailure("parse interrupted");
        }
    }

    /** Parses still running, including abandoned ones that have not noticed their interrupt yet. */
    int running() {
        return executor.getActiveCount();
    }

    static String describe(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.toSeconds();
        return seconds + " s";
    }
}
