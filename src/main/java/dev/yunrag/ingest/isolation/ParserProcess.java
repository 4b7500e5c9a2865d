package dev.yunrag.ingest.isolation;

import dev.yunrag.ingest.IngestFailure;
import dev.yunrag.model.ParsedDocument;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * One parser JVM, serving one parse at a time. A parse that does not answer within its timeout gets the child killed
 * (the whole JVM, so a loop that ignores interrupts stops too); a child that dies mid-parse is reported with what it
 * died of: out of memory (it runs with {@code -XX:+ExitOnOutOfMemoryError}), a signal, or an exit code. A dead child
 * is never reused.
 */
final class ParserProcess {

    private static final Logger LOG = Logger.getLogger(ParserProcess.class);
    /** HotSpot's exit status under -XX:+ExitOnOutOfMemoryError. */
    static final int OUT_OF_MEMORY_EXIT = 3;
    private static final int STDERR_LINES_KEPT = 40;

    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream responses;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final int heapMegabytes;
    private final int maxStringBytes;
    private final Thread stderrDrain;
    private volatile boolean dead;

    private ParserProcess(Process process, int heapMegabytes, int maxStringBytes) {
        this.process = process;
        this.heapMegabytes = heapMegabytes;
        this.maxStringBytes = maxStringBytes;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.responses = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        this.stderrDrain = Thread.ofPlatform().daemon().name("yunrag-parser-stderr-" + process.pid())
                .start(this::drainStderr);
    }

    /**
     * Starts a child with {@code command}, sends it {@code settings} and waits until it is ready, so that the JVM's
     * start is not counted against the first parse's timeout.
     */
    static ParserProcess start(List<String> command, ChildSettings settings, int heapMegabytes, int maxStringBytes,
                               Duration startTimeout) throws IngestFailure {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IngestFailure("parser process could not start: " + e.getMessage(), e);
        }
        ParserProcess child = new ParserProcess(process, heapMegabytes, maxStringBytes);
        try {
            settings.write(child.requests);
            child.await(() -> {
                if (ParserProtocol.readKind(child.responses) != ParserProtocol.READY) {
                    throw new IOException("parser process did not say it was ready");
                }
                return null;
            }, startTimeout, "parser process did not start within " + describe(startTimeout));
        } catch (IOException e) {
            throw child.diedOf(e);
        }
        LOG.debugf("Parser process %d started (-Xmx%dm)", process.pid(), heapMegabytes);
        return child;
    }

    /** Parses {@code file} in the child; on any failure but the parser's own verdict, the child is dead afterwards. */
    ParsedDocument parse(Path file, String source, Duration timeout, IntConsumer imagesRead) throws IngestFailure {
        try {
            ParserProtocol.writeRequest(requests, file.toAbsolutePath().toString(), source);
            return await(() -> readResponse(imagesRead), timeout,
                    "parser timed out after " + describe(timeout) + " and was killed");
        } catch (IOException e) {
            throw diedOf(e);
        }
    }

    boolean alive() {
        return !dead && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Kills the child JVM and waits until it is gone. */
    void kill() {
        dead = true;
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                LOG.warnf("Parser process %d did not end within 30 s of being killed", process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ParsedDocument readResponse(IntConsumer imagesRead) throws IOException {
        byte kind = ParserProtocol.readKind(responses);
        // Image counts ahead of the response; a parse the child abandoned at its own timeout may still send a few,
        // read here as counts of the next file: only the progress bar is off, briefly.
        while (kind == ParserProtocol.IMAGES_READ) {
            imagesRead.accept(responses.readInt());
            kind = ParserProtocol.readKind(responses);
        }
        if (kind == ParserProtocol.PARSED) {
            return ParserProtocol.readParsed(responses, maxStringBytes);
        }
        if (kind == ParserProtocol.FAILED) {
            throw new ParserVerdict(ParserProtocol.readString(responses, maxStringBytes));
        }
        throw new IOException("unexpected parser frame " + kind);
    }

    private interface Read<T> {
        T read() throws IOException;
    }

    /** The parser's own "cannot parse" (the child lives on). */
    private static final class ParserVerdict extends IOException {
        ParserVerdict(String reason) {
            super(reason);
        }
    }

    /** Runs {@code read} on a thread of its own, so a silent child can be killed at the timeout. */
    private <T> T await(Read<T> read, Duration timeout, String timeoutReason) throws IngestFailure, IOException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("yunrag-parser-read-" + process.pid()).start(() -> {
            try {
                result.complete(read.read());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Parser process %d killed: %s", process.pid(), timeoutReason);
            kill();
            throw new IngestFailure(timeoutReason);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new IngestFailure("parse interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ParserVerdict verdict) {
                throw new IngestFailure(verdict.getMessage());
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            kill();
            throw new IngestFailure("parser process failed: " + e.getCause(), e.getCause());
        }
    }

    /** What the child died of, once it has exited (it is killed if it has not). */
    private IngestFailure diedOf(IOException broken) {
        dead = true;
        Integer exit = null;
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                exit = process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (exit == null) {
            kill(); // alive but talking nonsense
        }
        String reason = reason(exit, stderrMentions("OutOfMemoryError"), heapMegabytes);
        LOG.warnf("Parser process %d: %s (%s)%s", process.pid(), reason, broken.getMessage(), stderrSummary());
        return new IngestFailure(reason, broken);
    }

    static String reason(Integer exit, boolean outOfMemory, int heapMegabytes) {
        if (outOfMemory || (exit != null && exit == OUT_OF_MEMORY_EXIT)) {
            return "parser ran out of memory (limit " + heapMegabytes + " MB)";
        }
        if (exit == null) {
            return "parser process stopped answering and was killed";
        }
        if (exit > 128) {
            return "parser process crashed (signal " + (exit - 128) + ")";
        }
        return "parser process exited unexpectedly (exit code " + exit + ")";
    }

    private void drainStderr() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                LOG.debugf("parser %d: %s", process.pid(), line);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }

    private boolean stderrMentions(String text) {
        try {
            stderrDrain.join(2000); // the child has exited: let the drain read its last words
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (stderrTail) {
            return stderrTail.stream().anyMatch(line -> line.contains(text));
        }
    }

    private String stderrSummary() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "; its last output: " + String.join(" | ", stderrTail);
        }
    }

    static String describe(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
    }
}
