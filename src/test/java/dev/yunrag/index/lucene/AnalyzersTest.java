package dev.yunrag.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ScoredChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzersTest {

    private static final HashingEmbeddingModel EMBED = new HashingEmbeddingModel(64);

    @TempDir
    Path dir;

    private static List<String> tokens(String analyzer, String text) {
        try (Analyzer a = Analyzers.text(analyzer); TokenStream stream = a.tokenStream(ChunkFields.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            List<String> tokens = new ArrayList<>();
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void cjkPorterStemsEnglishWordsThatCjkKeepsAsWritten() {
        String text = "The claims were studied in the study's cohorts";
        assertThat(tokens(Analyzers.CJK, text)).containsExactly("claims", "were", "studied", "study's", "cohorts");
        assertThat(tokens(Analyzers.CJK_PORTER, text)).containsExactly("claim", "were", "studi", "studi", "cohort");
    }

    @Test
    void cjkPorterLeavesChineseBigramsAsCjkMakesThem() {
        String chinese = "大熊猫最喜欢吃竹子，陸特和漢斯雷頓開創了梵語研究";
        assertThat(tokens(Analyzers.CJK_PORTER, chinese)).isEqualTo(tokens(Analyzers.CJK, chinese))
                .contains("熊猫", "漢斯");
    }

    @Test
    void aCjkPorterCollectionMatchesAnotherFormOfTheWordAndKeepsItsAnalyzerOnReopen() throws Exception {
        // given the same two passages in a cjk and a cjk-porter collection
        for (String analyzer : List.of(Analyzers.CJK, Analyzers.CJK_PORTER)) {
            try (LuceneChunkIndex index = LuceneChunkIndex.open(analyzer, dir.resolve(analyzer),
                    new IndexSettings("hashing", 64, analyzer));
                 LuceneIndexWriter writer = index.openWriter()) {
                put(writer, "a", "Smoking increased the mortality of patients.");
                put(writer, "b", "Patients were randomised to two arms.");
                writer.commit();
            }
        }
        // when each is reopened without settings and searched with another form of "increased"
        try (LuceneChunkIndex cjk = LuceneChunkIndex.open("cjk", dir.resolve(Analyzers.CJK), null);
             LuceneChunkIndex porter = LuceneChunkIndex.open("porter", dir.resolve(Analyzers.CJK_PORTER), null)) {
            // then only the stemming collection finds the passage, having kept its analyzer
            assertThat(porter.settings().analyzer()).isEqualTo(Analyzers.CJK_PORTER);
            assertThat(cjk.searchBm25("increases", 5, SearchFilter.NONE)).isEmpty();
            assertThat(porter.searchBm25("increases", 5, SearchFilter.NONE)).extracting(ScoredChunk::text)
                    .containsExactly("Smoking increased the mortality of patients.");
        }
    }

    @Test
    void anUnknownAnalyzerIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> Analyzers.text("porter")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cjk, smartcn, cjk-porter");
    }

    private static void put(LuceneIndexWriter writer, String id, String text) {
        IndexedDocument doc = new IndexedDocument(id, id + ".txt", "", "text/plain", "hash-" + id, text.length(), 0,
                0, 0, 1, Map.of());
        writer.upsert(doc, List.of(new Chunk(id, 0, text, 0, text.length(), 1, 1, List.of())),
                List.of(EMBED.embed(TextSegment.from(text)).content().vector()));
    }
}
