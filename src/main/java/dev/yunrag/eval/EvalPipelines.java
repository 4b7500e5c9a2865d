package dev.yunrag.eval;

import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.retrieve.HybridRetriever;

/**
 * Builds an evaluation run's ingestion and retrieval the way production builds its own: the composition root
 * ({@code dev.yunrag.app.Pipelines}) implements it from the configuration, with the run's choices on top.
 */
public interface EvalPipelines {

    /** The pipeline that indexes the corpus into the scratch collection. */
    IngestionPipeline ingestion(CollectionCatalog collections, EvalSettings.Indexing indexing);

    /** The retriever the queries run through. */
    HybridRetriever retriever(CollectionCatalog collections, EvalSettings.Ranking ranking);
}
