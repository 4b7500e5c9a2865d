package dev.yunrag.cli;

import dev.yunrag.bench.BackendQueryBenchmark;
import dev.yunrag.config.IndexBackend;
import dev.yunrag.index.CollectionCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** {@code bench query --backend ...}: one harness on the embedded index and on SolrCloud layouts, printed as rows. */
final class BackendBenchRun {

    private BackendBenchRun() {
    }

    static List<BackendQueryBenchmark.Result> queries(CollectionCatalog embedded, List<IndexBackend> backends,
                                                      List<Integer> shards, int replicas,
                                                      IntFunction<CollectionCatalog> solrWithShards,
                                                      List<Integer> sizes, int dimension, int queries,
                                                      boolean reuse) {
        List<BackendQueryBenchmark.Result> results = new ArrayList<>();
        for (int size : sizes) {
            if (backends.contains(IndexBackend.LUCENE)) {
                results.add(print(BackendQueryBenchmark.run(embedded, "embedded", "", size, dimension, queries, 42,
                        reuse)));
            }
            if (backends.contains(IndexBackend.SOLR)) {
                for (int shardCount : shards) {
                    try (CollectionCatalog solr = solrWithShards.apply(shardCount)) {
                        results.add(print(BackendQueryBenchmark.run(solr, "solr " + shardCount + "x" + replicas,
                                "-s" + shardCount + "r" + replicas, size, dimension, queries, 42, reuse)));
                    }
                }
            }
        }
        return results;
    }

    private static BackendQueryBenchmark.Result print(BackendQueryBenchmark.Result r) {
        System.out.printf("query %s, %d chunks (%d-d): write %.1f s (%.0f chunks/s), %.1f MB on disk (all replicas);"
                        + " retrieval p50 %.2f ms p99 %.2f ms (bm25 p50 %.2f, knn p50 %.2f); kNN top-50 alone p50"
                        + " %.2f p99 %.2f; HNSW recall@10 %.3f; load %s%n", r.layout(), r.chunks(), r.dimension(),
                r.writeSeconds(), r.chunksPerSecond(), r.bytesOnDisk() / 1e6, r.retrieval().p50(),
                r.retrieval().p99(), r.bm25().p50(), r.vector().p50(), r.knnOnly().p50(), r.knnOnly().p99(),
                r.hnswRecallAt10(), r.load());
        return r;
    }
}
