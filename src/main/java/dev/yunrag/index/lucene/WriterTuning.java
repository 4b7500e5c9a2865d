package dev.yunrag.index.lucene;

/**
 * How hard an index writer may work, for bulk loads: ingestion uses {@link #DEFAULT}; the scale benchmark builds
 * million-chunk collections with a larger buffer (fewer, larger flushed segments, so fewer HNSW graph rebuilds on
 * merge) and HNSW merges spread over several threads. Neither changes what is written: a reader cannot tell.
 *
 * @param ramBufferMb  IndexWriter's RAM buffer before a segment is flushed
 * @param mergeWorkers threads that insert vectors into the merged HNSW graph (Lucene's concurrent graph merge); 1 is
 *                     Lucene's default single-threaded merge
 */
public record WriterTuning(int ramBufferMb, int mergeWorkers) {

    public static final WriterTuning DEFAULT = new WriterTuning(64, 1);

    public WriterTuning {
        if (ramBufferMb < 1) {
            throw new IllegalArgumentException("RAM buffer must be at least 1 MB, got " + ramBufferMb);
        }
        if (mergeWorkers < 1) {
            throw new IllegalArgumentException("mergeWorkers must be at least 1, got " + mergeWorkers);
        }
    }
}
