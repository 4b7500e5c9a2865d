package dev.yunrag.cli;

import dev.yunrag.ingest.IngestProgress;
import java.io.PrintStream;

/**
 * A one-line progress bar on stderr: files and chunks done, throughput and ETA by bytes, and while a file's images
 * are read, how many so far ("images 3 in scan.pdf"), so that a long OCR'd PDF does not look stuck. Redrawn at most a
 * few times a second; when stderr is not a terminal it prints a plain line every 10% instead of carriage returns,
 * and a line at the first image of a file and every 10th. Synchronized: image counts come from the parsing thread.
 */
final class ProgressBar implements IngestProgress {

    private static final int WIDTH = 28;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private int totalFiles;
    private long totalBytes;
    private int files;
    private long bytes;
    private int chunks;
    private int failures;
    private long startNanos;
    private long lastDraw;
    private int lastDecile = -1;
    /** The file whose images are being read, and how many so far; null once it is done. */
    private String imagesSource;
    private int images;

    ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public synchronized void started(int files, long bytes) {
        this.totalFiles = files;
        this.totalBytes = Math.max(1, bytes);
        this.startNanos = System.nanoTime();
        draw(true);
    }

    @Override
    public synchronized void fileDone(String source, long fileBytes, int fileChunks) {
        if (source.equals(imagesSource)) {
            imagesSource = null;
        }
        files++;
        bytes += fileBytes;
        chunks += fileChunks;
        draw(files == totalFiles);
    }

    @Override
    public synchronized void fileFailed(String source, String reason) {
        failures++;
    }

    @Override
    public synchronized void imagesRead(String source, int images) {
        this.imagesSource = source;
        this.images = images;
        if (interactive) {
            draw(false);
        } else if (images == 1 || images % 10 == 0) {
            out.println(line(Math.min(1.0, (double) bytes / totalBytes), System.nanoTime()));
        }
    }

    synchronized void finish() {
        if (interactive && totalFiles > 0) {
            out.print("\r\033[2K");
            out.flush();
        }
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        double done = totalFiles == 0 ? 1 : Math.min(1.0, (double) bytes / totalBytes);
        if (interactive) {
            if (!force && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            out.print("\r\033[2K" + line(done, now));
            out.flush();
        } else {
            int decile = (int) (done * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line(done, now));
            }
        }
    }

    private String line(double done, long now) {
        int filled = (int) Math.round(done * WIDTH);
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double chunkRate = chunks / seconds;
        String eta = done > 0.02 && done < 1 ? formatDuration(seconds * (1 - done) / done) : "--";
        return String.format("[%s%s] %3.0f%%  files %d/%d  chunks %d (%.1f/s)  %.1f MB/s  ETA %s%s",
                "#".repeat(filled), " ".repeat(WIDTH - filled), done * 100, files, totalFiles, chunks, chunkRate,
                bytes / 1e6 / seconds, eta, failures > 0 ? "  failed " + failures : "")
                + (imagesSource != null ? "  images " + images + " in " + shortName(imagesSource) : "");
    }

    /** The file name of a source, cut to keep the line on one terminal row. */
    private static String shortName(String source) {
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        return name.length() > 30 ? name.substring(0, 29) + "…" : name;
    }

    private static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
