package dev.yunrag.index.solr;

import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.ChunkIndexWriter;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexStats;
import dev.yunrag.index.IndexView;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.solr.client.solrj.SolrClient;

/**
 * One collection on SolrCloud behind the {@link ChunkIndex} contract: BM25 and kNN are Solr queries over the fields of
 * YunRAG's configset ({@link SolrConfigset}), the ledger is one record per document, and a document's records share a
 * shard so they are replaced together. Obtained from {@link SolrCollectionCatalog}. See {@link SolrIndexView} for how
 * far a view is consistent and {@link SolrIndexWriter} for when writes become visible.
 */
public final class SolrChunkIndex implements ChunkIndex {

    private final SolrClient client;
    private final String collection;
    private final IndexSettings settings;
    private final Analyzer analyzer;

    SolrChunkIndex(SolrClient client, String collection, IndexSettings settings) {
        this.client = client;
        this.collection = collection;
        this.settings = settings;
        this.analyzer = SolrIndexView.analyzerOf(settings);
    }

    @Override
    public String collection() {
        return collection;
    }

    @Override
    public IndexSettings settings() {
        return settings;
    }

    @Override
    public IndexView snapshot() {
        return new SolrIndexView(client, collection, settings, analyzer);
    }

    @Override
    public ChunkIndexWriter openWriter() {
        return new SolrIndexWriter(client, collection, settings, SolrWriterLock.acquire(client, collection));
    }

    /** Counts of the last commit; the bytes of every replica's core, as the nodes report them (0 if they cannot). */
    @Override
    public IndexStats stats() {
        try (SolrIndexView view = new SolrIndexView(client, collection, settings, analyzer)) {
            Map<String, Long> counts = view.counts();
            return new IndexStats(counts.getOrDefault(SolrRecords.KIND_DOCUMENT, 0L).intValue(),
                    counts.getOrDefault(SolrRecords.KIND_CHUNK, 0L).intValue(),
                    SolrDiskUsage.bytesOnDisk(client, collection), settings);
        }
    }
}
