package dev.yunrag.ingest;

import java.util.List;

/**
 * What an ingestion did, counted per outcome; {@code --json} prints it as is.
 *
 * @param added     new documents indexed
 * @param updated   changed documents re-indexed
 * @param unchanged documents skipped because their content hash was unchanged
 * @param deleted   documents removed by {@code --prune} (their files are gone)
 * @param failed    files that could not be ingested, each with its reason
 * @param documents documents in the collection afterwards
 * @param chunks    chunks in the collection afterwards
 * @param embedded  chunks embedded by this run (0 when nothing changed)
 * @param seconds   wall time
 * @param warnings  documents that were indexed with a part left unread (an image OCR could not read, images beyond
 *                  the per-document cap), one entry per part
 */
public record IngestReport(int added, int updated, int unchanged, int deleted, List<Failure> failed, int documents,
                           int chunks, int embedded, double seconds, List<Failure> warnings) {

    public IngestReport(int added, int updated, int unchanged, int deleted, List<Failure> failed, int documents,
                        int chunks, int embedded, double seconds) {
        this(added, updated, unchanged, deleted, failed, documents, chunks, embedded, seconds, List.of());
    }

    /** A file that was not ingested and why. */
    public record Failure(String source, String reason) {
    }

    public boolean hasFailures() {
        return !failed.isEmpty();
    }
}
