package dev.yunrag.ingest;

import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.lucene.Analyzers;
import java.time.Duration;

/**
 * How an {@link IngestionPipeline} builds new collections and how hard it drives the embedding model. Built from the
 * configuration in one place ({@code dev.yunrag.app.Pipelines}), for the server, the commands, eval and bench alike.
 *
 * @param defaultEmbedder    embedding model of a new collection when the ingest options name none
 * @param analyzer           BM25 analyzer recorded in new collections ({@link Analyzers#NAMES})
 * @param vectorFormat       vector format recorded in new collections ({@link IndexSettings#VECTOR_FORMATS})
 * @param collectionReranker embedded reranker recorded in new collections; null: their language's default
 * @param embedBatchSize     chunks per embedding call
 * @param embedCallsInFlight embedding calls of {@code embedBatchSize} chunks in flight at once
 * @param commitInterval     a commit is made at least this often during a long ingestion
 */
public record IngestionSettings(String defaultEmbedder, String analyzer, String vectorFormat,
                                String collectionReranker, int embedBatchSize, int embedCallsInFlight,
                                Duration commitInterval) {

    public IngestionSettings {
        if (!IndexSettings.VECTOR_FORMATS.contains(vectorFormat)) {
            throw new IllegalArgumentException("yunrag.index.vector-format is '" + vectorFormat
                    + "': use float32, int8, int4 or binary");
        }
        if (!Analyzers.NAMES.contains(analyzer)) {
            throw new IllegalArgumentException("yunrag.index.analyzer is '" + analyzer + "': use one of "
                    + String.join(", ", Analyzers.NAMES));
        }
        if (embedBatchSize < 1 || embedCallsInFlight < 1) {
            throw new IllegalArgumentException("yunrag.ingest.embed-batch-size and embed-calls-in-flight must be at"
                    + " least 1, were " + embedBatchSize + " and " + embedCallsInFlight);
        }
    }

    public IngestionSettings withDefaultEmbedder(String id) {
        return new IngestionSettings(id, analyzer, vectorFormat, collectionReranker, embedBatchSize,
                embedCallsInFlight, commitInterval);
    }

    public IngestionSettings withAnalyzer(String name) {
        return new IngestionSettings(defaultEmbedder, name, vectorFormat, collectionReranker, embedBatchSize,
                embedCallsInFlight, commitInterval);
    }

    public IngestionSettings withVectorFormat(String format) {
        return new IngestionSettings(defaultEmbedder, analyzer, format, collectionReranker, embedBatchSize,
                embedCallsInFlight, commitInterval);
    }

    public IngestionSettings withCollectionReranker(String reranker) {
        return new IngestionSettings(defaultEmbedder, analyzer, vectorFormat, reranker, embedBatchSize,
                embedCallsInFlight, commitInterval);
    }

    public IngestionSettings withEmbedBatchSize(int chunks) {
        return new IngestionSettings(defaultEmbedder, analyzer, vectorFormat, collectionReranker, chunks,
                embedCallsInFlight, commitInterval);
    }

    public IngestionSettings withEmbedCallsInFlight(int calls) {
        return new IngestionSettings(defaultEmbedder, analyzer, vectorFormat, collectionReranker, embedBatchSize,
                calls, commitInterval);
    }

    public IngestionSettings withCommitInterval(Duration interval) {
        return new IngestionSettings(defaultEmbedder, analyzer, vectorFormat, collectionReranker, embedBatchSize,
                embedCallsInFlight, interval);
    }
}
