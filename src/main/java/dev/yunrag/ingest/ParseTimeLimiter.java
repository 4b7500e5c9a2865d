package dev.yunrag.ingest;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs parses on daemon threads and stops waiting after a timeout. Tika parsers may ignore interrupts (jsoup building
 * the tree of a deeply nested HTML file, say), so an abandoned parse can keep its thread busy for a while. Each parse
 * therefore gets a thread of its own rather than a place in a queue: with a fixed pool, two abandoned parses held both
 * threads and every later file "timed out" in the queue without ever being parsed. The number of parses running at
 * once, abandoned ones included, is capped, so a stream of stuck parses cannot eat all memory: beyond the cap new
 * parses are refused at once as "parser busy". Daemon threads never block JVM exit.
 */
final class ParseTimeLimiter {

    /** A parse that did not finish in time. */
    static final class ParseTimedOut extends Exception {
        ParseTimedOut(Duration timeout) {
            super("parse timed out after " + describe(timeout));
        }
    }

    /** Parses running at once, abandoned ones included: ingestion parses one file at a time per collection. */
    static final int MAX_RUNNING = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private final Duration timeout;
    private final ThreadPoolExecutor executor;

    ParseTimeLimiter(Duration timeout) {
        this.timeout = timeout;
        this.executor = new ThreadPoolExecutor(0, MAX_RUNNING, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().daemon().name("yunrag-parse-", 0).factory());
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
            throw new IngestFailure("parser busy: " + executor.getActiveCount() + " parses still running (abandoned ones"
                    + " included), try again later");
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
