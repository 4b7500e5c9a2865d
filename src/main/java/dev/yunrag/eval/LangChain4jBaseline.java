package dev.yunrag.eval;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.yunrag.ingest.IngestProgress;
import java.util.List;

/**
 * The pipeline LangChain4j's tutorials give newcomers, as the yardstick for ours: recursive splitting into 300-character
 * segments with 30 overlapping, the same embedding model (no query instruction, no title, as the tutorials do),
 * an in-memory store and a plain vector {@link EmbeddingStoreContentRetriever}. Nothing of ours is used, so a gap
 * between the two is the worth of our chunking, BM25 and fusion.
 */
final class LangChain4jBaseline {

    static final String DESCRIPTION = "langchain4j: DocumentSplitters.recursive(300, 30), same embedding model,"
            + " InMemoryEmbeddingStore, EmbeddingStoreContentRetriever";
    static final String DOCUMENT_ID = "doc_id";
    /** Documents handed to the ingestor at a time, only so that progress can be shown. */
    private static final int BATCH = 16;

    /** One retrieved segment: the corpus document it came from and its text. */
    record Segment(String documentId, String text) {
    }

    private final ContentRetriever retriever;

    private LangChain4jBaseline(ContentRetriever retriever) {
        this.retriever = retriever;
    }

    /** Splits, embeds and stores the corpus in memory (this is the slow part: every segment is embedded). */
    static LangChain4jBaseline build(List<EvalDataset.CorpusRecord> corpus, EmbeddingModel model, int maxResults,
                                     IngestProgress progress) {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder()
                .documentSplitter(DocumentSplitters.recursive(300, 30))
                .embeddingModel(model)
                .embeddingStore(store)
                .build();
        List<Document> documents = corpus.stream().filter(r -> !r.text().isBlank())
                .map(r -> Document.from(r.text(), Metadata.from(DOCUMENT_ID, r.id()))).toList();
        progress.started(documents.size(), documents.stream().mapToLong(d -> d.text().length()).sum());
        for (int from = 0; from < documents.size(); from += BATCH) {
            List<Document> batch = documents.subList(from, Math.min(documents.size(), from + BATCH));
            ingestor.ingest(batch);
            batch.forEach(d -> progress.fileDone(d.metadata().getString(DOCUMENT_ID), d.text().length(), 0));
        }
        return new LangChain4jBaseline(EmbeddingStoreContentRetriever.builder()
                .embeddingStore(store)
                .embeddingModel(model)
                .maxResults(maxResults)
                .build());
    }

    /** Segments for the question, best first. */
    List<Segment> retrieve(String question) {
        List<Content> contents = retriever.retrieve(Query.from(question));
        return contents.stream().map(c -> new Segment(c.textSegment().metadata().getString(DOCUMENT_ID),
                c.textSegment().text())).toList();
    }
}
