package dev.yunrag.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.model.ScoredChunk;
import java.util.List;

/** Assertions that a migrated collection holds what its source holds, and answers searches the same way. */
public final class MigrationChecks {

    /** Questions about the sample corpus (sample-corpus/), Chinese and English. */
    public static final List<String> QUERIES = List.of("女员工生育可以享受多少天产假？", "年假有几天", "报销流程",
            "expense reimbursement deadline", "数据备份策略", "VPN 连接失败怎么办");

    private MigrationChecks() {
    }

    /** Same ledger, and every document's chunks and vectors equal, value for value. */
    public static void assertSameContent(ChunkIndex source, ChunkIndex target) {
        assertThat(target.settings().embeddingModel()).isEqualTo(source.settings().embeddingModel());
        assertThat(target.settings().dimension()).isEqualTo(source.settings().dimension());
        assertThat(target.settings().analyzer()).isEqualTo(source.settings().analyzer());
        try (IndexView from = source.snapshot(); IndexView to = target.snapshot()) {
            assertThat(to.documents()).isEqualTo(from.documents());
            assertThat(to.documentCount()).isEqualTo(from.documentCount());
            assertThat(to.chunkCount()).isEqualTo(from.chunkCount());
            for (IndexedDocument document : from.documents()) {
                StoredDocument expected = from.storedDocument(document.documentId()).orElseThrow();
                StoredDocument copied = to.storedDocument(document.documentId()).orElseThrow();
                assertThat(copied.document()).isEqualTo(expected.document());
                assertThat(copied.chunks()).isEqualTo(expected.chunks());
                for (int i = 0; i < expected.vectors().size(); i++) {
                    assertThat(copied.vectors().get(i)).as("%s vector %d", document.source(), i)
                            .containsExactly(expected.vectors().get(i));
                }
            }
        }
    }

    /** BM25 and kNN return the same chunks in the same order with the same scores for each of {@link #QUERIES}. */
    public static void assertSameSearches(ChunkIndex source, ChunkIndex target, int dimension) {
        HashingEmbeddingModel embed = new HashingEmbeddingModel(dimension);
        for (String query : QUERIES) {
            float[] vector = embed.embed(TextSegment.from(query)).content().vector();
            assertThat(target.searchBm25(query, 10, SearchFilter.NONE)).as("BM25 %s", query)
                    .isEqualTo(source.searchBm25(query, 10, SearchFilter.NONE));
            assertThat(target.searchVector(vector, 10, SearchFilter.NONE)).as("kNN %s", query)
                    .isEqualTo(source.searchVector(vector, 10, SearchFilter.NONE));
        }
    }

    /** The kNN scores of a result list, best first. */
    public static float[] scores(List<ScoredChunk> results) {
        float[] scores = new float[results.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) results.get(i).trace().vectorScore();
        }
        return scores;
    }

    /** The chunk ids of a result list, best first (for comparisons across backends, whose scores differ). */
    public static List<String> ids(List<ScoredChunk> results) {
        return results.stream().map(r -> r.chunk().chunkId()).toList();
    }
}
