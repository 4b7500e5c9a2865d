package dev.yunrag.ingest.isolation;

import dev.yunrag.config.ImagesConfig;
import dev.yunrag.ingest.DocumentParser;
import dev.yunrag.ingest.IngestFailure;
import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.ingest.ZipExpansionLimits;
import dev.yunrag.ingest.image.ImageReading;
import dev.yunrag.model.ParsedDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * Parses each file in a parser process of its own heap rather than in the server: a decompression bomb, a parser loop
 * that ignores interrupts or a parser crash (out of memory, {@code System.exit}, a segfault) costs that one file, which
 * fails with the reason, never the server's heap or a core. A small pool of child JVMs, started when first needed and
 * reused; at most {@code processes} parses run at once (later ones wait for a child). A child that times out is
 * killed (the JVM, so its core is freed) and a fresh one is started for the next file.
 *
 * <p>The child runs the server's {@link TikaDocumentParser} with the same limits and image reading (Tesseract);
 * the vision model is called through the server's 云网 client, which a child does not have, so image reading by the
 * vision model parses in the server (see {@code Pipelines#parser}).
 */
public final class ProcessIsolatedParser implements DocumentParser, AutoCloseable {

    /** How many parser processes, and each one's heap. */
    public record Isolation(int processes, int heapMegabytes) {
        public Isolation {
            if (processes < 1 || heapMegabytes < 16) {
                throw new IllegalArgumentException("yunrag.parse.processes must be at least 1 and yunrag.parse.heap"
                        + " at least 16m, were " + processes + " and " + heapMegabytes + "m");
            }
        }

        /** A heap size as the JVM's -Xmx takes it ("512m", "1g", "2048k") in megabytes; a bare number is megabytes. */
        public static int megabytes(String heap) {
            String value = heap.strip().toLowerCase(java.util.Locale.ROOT);
            if (!value.matches("\\d+[kmg]?")) {
                throw new IllegalArgumentException("yunrag.parse.heap is '" + heap + "': use e.g. 512m or 1g");
            }
            char unit = value.charAt(value.length() - 1);
            long number = Long.parseLong(Character.isDigit(unit) ? value : value.substring(0, value.length() - 1));
            long mb = switch (unit) {
                case 'k' -> number / 1024;
                case 'g' -> number * 1024;
                default -> number;
            };
            return (int) Math.min(Integer.MAX_VALUE, mb);
        }
    }

    /** The child's own timeout is this much longer than the server's, so the server's hard kill always comes first. */
    private static final Duration CHILD_TIMEOUT_SLACK = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final long maxFileBytes;
    private final Duration timeout;
    private final ChildSettings settings;
    private final Isolation isolation;
    private final List<String> command;
    private final int maxStringBytes;
    private final Semaphore slots;
    private final Deque<ParserProcess> idle = new ConcurrentLinkedDeque<>();
    private final Set<ParserProcess> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param images       how the server reads images (its extra parse time counts here too)
     * @param imagesConfig the settings {@code images} was built from, for the children; ignored when images are off
     */
    public ProcessIsolatedParser(long maxFileBytes, Duration parseTimeout, int maxTextChars,
                                 ZipExpansionLimits zipLimits, ImageReading images, ImagesConfig imagesConfig,
                                 Path dataDir, Isolation isolation) {
        this(maxFileBytes, parseTimeout, maxTextChars, zipLimits, images, imagesConfig, dataDir, isolation,
                ParserChild.class.getName());
    }

    ProcessIsolatedParser(long maxFileBytes, Duration parseTimeout, int maxTextChars, ZipExpansionLimits zipLimits,
                          ImageReading images, ImagesConfig imagesConfig, Path dataDir, Isolation isolation,
                          String mainClass) {
        if (images.readsWithVision()) {
            throw new IllegalArgumentException("the vision model reads images in the server: parse in-process");
        }
        this.maxFileBytes = maxFileBytes;
        this.timeout = parseTimeout.plus(images.extraParseTime());
        this.settings = new ChildSettings(maxFileBytes, parseTimeout.plus(CHILD_TIMEOUT_SLACK), maxTextChars, zipLimits,
                images.enabled() ? null : images.offReason(),
                images.enabled() ? ChildImages.of(imagesConfig) : null, dataDir);
        this.isolation = isolation;
        this.command = command(mainClass, isolation.heapMegabytes());
        this.maxStringBytes = (int) Math.min(Integer.MAX_VALUE - 64, 3L * maxTextChars + (1 << 20));
        this.slots = new Semaphore(isolation.processes(), true);
    }

    @Override
    public ParsedDocument parse(Path file, String source) throws IngestFailure {
        return parse(file, source, images -> { });
    }

    /** Parses in a child, which tells the images it has read so far as it goes (frames before its response). */
    @Override
    public ParsedDocument parse(Path file, String source, java.util.function.IntConsumer imagesRead)
            throws IngestFailure {
        TikaDocumentParser.checkSize(file, maxFileBytes); // no child for what the size alone refuses
        if (closed) {
            throw new IngestFailure("parser closed (the server is stopping)");
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestFailure("parse interrupted");
        }
        try {
            ParserProcess child = idleChild();
            try {
                return child.parse(file, source, timeout, imagesRead);
            } finally {
                if (child.alive() && !closed) {
                    idle.addFirst(child);
                } else {
                    forget(child);
                }
            }
        } finally {
            slots.release();
        }
    }

    /** Process ids of the parser processes alive now (for tests and health). */
    public List<Long> processIds() {
        return running.stream().filter(ParserProcess::alive).map(ParserProcess::pid).toList();
    }

    /** For the start-up log: how parsing is isolated. */
    public String describe() {
        return "in up to " + isolation.processes() + " parser process(es) of " + isolation.heapMegabytes()
                + " MB heap each, killed after " + ParserProcess.describe(timeout);
    }

    /** Kills every parser process; parses still running fail. */
    @Override
    public void close() {
        closed = true;
        for (ParserProcess child : List.copyOf(running)) {
            forget(child);
        }
        idle.clear();
    }

    private ParserProcess idleChild() throws IngestFailure {
        for (ParserProcess child = idle.pollFirst(); child != null; child = idle.pollFirst()) {
            if (child.alive()) {
                return child;
            }
            forget(child);
        }
        ParserProcess started = ParserProcess.start(command, settings, isolation.heapMegabytes(), maxStringBytes,
                START_TIMEOUT);
        running.add(started);
        if (closed) {
            forget(started);
            throw new IngestFailure("parser closed (the server is stopping)");
        }
        return started;
    }

    private void forget(ParserProcess child) {
        running.remove(child);
        child.kill();
    }

    private static List<String> command(String mainClass, int heapMegabytes) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java,
                "-Xmx" + heapMegabytes + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC", // one core per child at most, and the smallest footprint
                "-XX:-UsePerfData",
                "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "yunrag-parser-crash-%p.log"),
                "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        String logManager = System.getProperty("java.util.logging.manager");
        if (logManager != null) { // the server's JBoss LogManager complains when it is not named at start-up
            command.add("-Djava.util.logging.manager=" + logManager);
        }
        command.addAll(List.of("-cp", ChildClasspath.forClass(mainClass), mainClass));
        return command;
    }
}
