package dev.yunrag.ingest;

import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexView;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.ingest.image.Thumbnails;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.FigureSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Removes thumbnails no document cites any more. A thumbnail is stored once per image (by figure id), so the same
 * picture in two documents, in any collections, shares one file: deleting one document must leave it to the other.
 * Which figures are still cited is read from the committed chunks of the documents images were read for (their
 * ledger metadata says so), so documents of plain text cost one ledger read and nothing more.
 */
public final class ThumbnailSweep {

    /**
     * How old a thumbnail must be for the start-up sweep to remove it: a thumbnail is stored while its document is
     * parsed and cited only once the document is committed, possibly by another process ingesting right now.
     */
    public static final Duration GRACE = Duration.ofHours(24);

    private static final Logger LOG = Logger.getLogger(ThumbnailSweep.class);

    private final CollectionCatalog collections;
    private final Thumbnails thumbnails;

    public ThumbnailSweep(CollectionCatalog collections, Thumbnails thumbnails) {
        this.collections = collections;
        this.thumbnails = thumbnails;
    }

    /** Removes the thumbnails of {@code figures} (those of a deleted document) that no remaining document cites. */
    public int removeUncited(Collection<String> figures) {
        if (figures.isEmpty()) {
            return 0;
        }
        Set<String> cited = cited();
        int removed = 0;
        for (String figure : figures) {
            if (!cited.contains(figure) && thumbnails.find(figure).isPresent()) {
                thumbnails.remove(figure);
                removed++;
            }
        }
        return removed;
    }

    /** Removes every thumbnail older than {@link #GRACE} that no document cites (left by prune, re-index, drop). */
    public int sweep() {
        var candidates = thumbnails.storedBefore(Instant.now().minus(GRACE));
        if (candidates.isEmpty()) {
            return 0;
        }
        int removed = removeUncited(candidates);
        if (removed > 0) {
            LOG.infof("Removed %d thumbnails no document cites any more", removed);
        }
        return removed;
    }

    /** Every figure a committed document of any collection cites. */
    public Set<String> cited() {
        Set<String> cited = new HashSet<>();
        for (String name : collections.names()) {
            Optional<ChunkIndex> index = collections.find(name);
            if (index.isEmpty()) {
                continue;
            }
            try (IndexView view = index.get().snapshot()) {
                for (IndexedDocument document : view.documents()) {
                    if (ImageSummary.readImages(document.metadata())) {
                        view.chunksOf(document.documentId()).stream().map(Chunk::figures)
                                .forEach(spans -> spans.stream().map(FigureSpan::figure).forEach(cited::add));
                    }
                }
            }
        }
        return cited;
    }
}
