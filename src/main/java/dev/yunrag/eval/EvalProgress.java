package dev.yunrag.eval;

import dev.yunrag.ingest.IngestProgress;

/**
 * Where an evaluation reports its progress: each phase (ingesting the corpus, running the queries, the baseline) gets
 * its own progress, counted in documents or queries.
 */
public interface EvalProgress {

    EvalProgress NONE = phase -> IngestProgress.NONE;

    /** A new phase starts; the previous one is over. */
    IngestProgress phase(String name);

    /** The last phase is over. */
    default void finish() {
    }
}
