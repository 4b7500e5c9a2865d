package dev.yunrag.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Refuses a ZIP-based file (DOCX, PPTX, XLSX, ODF, EPUB, a ZIP archive) from its central directory, before anything
 * is inflated: an entry that declares more than {@code maxExpandedBytes}, or that expands more than
 * {@code maxRatio} times its compressed size (entries under {@link #RATIO_GRACE_BYTES} excepted: small XML parts
 * compress that well honestly), or entries that declare more than {@code maxExpandedBytes} together (issue 18,
 * finding 2: a 294 KB DOCX inflated to 300 MB before it was refused). Declared sizes can lie; what a parse inflates
 * is bounded again while it streams (the text limit, POI's inflate-ratio check, the parser process's heap).
 *
 * @param maxExpandedBytes declared uncompressed bytes allowed, per entry and in total
 * @param maxRatio         declared uncompressed size over compressed size allowed per entry
 */
public record ZipExpansionLimits(long maxExpandedBytes, int maxRatio) {

    /** Entries that expand to less than this are not held to the ratio. */
    public static final long RATIO_GRACE_BYTES = 1024 * 1024;
    private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};

    public ZipExpansionLimits {
        if (maxExpandedBytes <= 0 || maxRatio < 1) {
            throw new IllegalArgumentException("yunrag.ingest.max-expanded-bytes must be positive and"
                    + " yunrag.ingest.max-compression-ratio at least 1, were " + maxExpandedBytes + " and " + maxRatio);
        }
    }

    /** 1 GiB declared in all, entries expanding at most 100 times (POI's own default ratio). */
    public static ZipExpansionLimits defaults() {
        return new ZipExpansionLimits(1L << 30, 100);
    }

    /**
     * Checks {@code file}'s central directory when it is a ZIP; anything else, or a ZIP whose directory cannot be
     * read (the parser then says what is wrong with it), passes.
     *
     * @throws IngestFailure naming the entry and the limit it breaks
     */
    void check(Path file) throws IngestFailure {
        if (!startsLikeZip(file)) {
            return;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long total = 0;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                long size = entry.getSize();
                if (size < 0) {
                    continue; // not declared: only the streaming limits apply
                }
                if (size > maxExpandedBytes) {
                    throw bomb(entry.getName() + " declares " + TikaDocumentParser.describeSize(size)
                            + ", over the limit of " + TikaDocumentParser.describeSize(maxExpandedBytes));
                }
                long compressed = Math.max(1, entry.getCompressedSize());
                if (size >= RATIO_GRACE_BYTES && size / compressed > maxRatio) {
                    throw bomb(entry.getName() + " expands " + (size / compressed) + " times (from "
                            + TikaDocumentParser.describeSize(compressed) + " to " + TikaDocumentParser.describeSize(size)
                            + "), over the limit of " + maxRatio + " times");
                }
                total += size;
                if (total > maxExpandedBytes) {
                    throw bomb("entries declare over " + TikaDocumentParser.describeSize(maxExpandedBytes)
                            + " in all");
                }
            }
        } catch (ZipException unreadable) {
            // a damaged directory: the parser reports the damage, and the streaming limits still hold
        } catch (IOException e) {
            throw new IngestFailure("cannot read file: " + e.getMessage(), e);
        }
    }

    private static IngestFailure bomb(String detail) {
        return new IngestFailure("suspected zip bomb: " + detail
                + " (yunrag.ingest.max-expanded-bytes, yunrag.ingest.max-compression-ratio)");
    }

    private static boolean startsLikeZip(Path file) throws IngestFailure {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(LOCAL_HEADER.length), LOCAL_HEADER);
        } catch (IOException e) {
            throw new IngestFailure("cannot read file: " + e.getMessage(), e);
        }
    }
}
