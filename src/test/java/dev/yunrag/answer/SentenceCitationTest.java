package dev.yunrag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.embed.BertTokenCounter;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.lucene.Analyzers;
import dev.yunrag.index.lucene.LuceneChunkIndex;
import dev.yunrag.index.lucene.LuceneIndexWriter;
import dev.yunrag.ingest.SentenceChunker;
import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.Citation;
import dev.yunrag.model.ParsedDocument;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A citation names the page and heading of the sentence it quotes, not the first ones of the passage around it:
 * sample-corpus documents parsed by real Tika, cut into passages that cross pages and sections, stored in and read
 * back from a real Lucene index.
 */
class SentenceCitationTest {

    private static final Path CORPUS = Path.of("sample-corpus");
    private static final TikaDocumentParser PARSER = new TikaDocumentParser(50_000_000, Duration.ofSeconds(60),
            20_000_000);
    /** A budget large enough that one passage runs across several sections and pages. */
    private static final SentenceChunker LARGE_PASSAGES = new SentenceChunker(new BertTokenCounter(), 2000, 0);
    private static final HashingEmbeddingModel EMBED = new HashingEmbeddingModel(16);

    @TempDir
    Path dir;
    private ParsedDocument parsed;

    @Test
    void aSentenceIsCitedUnderItsOwnHeadingNotThePassagesFirst() throws Exception {
        ScoredChunk passage = indexedPassageHolding("travel-expense-policy.md", "600元");
        int at = passage.chunk().start() + passage.text().indexOf("600元");

        assertThat(passage.chunk().headingPath()).doesNotContain("三、住宿标准");
        Citation citation = Citation.ofSentence(1, passage, at, at + 4);
        assertThat(citation.headingPath()).containsExactly("云帆数据科技有限公司 差旅费报销办法", "三、住宿标准");
        assertThat(Highlight.of(1, passage, at, at + 4).headingPath()).endsWith("三、住宿标准");
    }

    @Test
    void anEnglishSentenceIsCitedUnderItsOwnSection() throws Exception {
        ScoredChunk passage = indexedPassageHolding("remote-work-policy-en.odt", "home-office allowance");
        int at = passage.chunk().start() + passage.text().indexOf("home-office allowance");

        assertThat(Citation.ofSentence(1, passage, at, at + 10).headingPath())
                .containsExactly("Remote Work Policy", "3. Equipment and Allowance");
    }

    @Test
    void aSentenceIsCitedWithItsOwnPageNotThePassagesRange() throws Exception {
        ScoredChunk passage = indexedPassageHolding("employee-handbook.pdf", "15日");
        Chunk chunk = passage.chunk();
        int at = chunk.start() + passage.text().indexOf("15日");

        assertThat(chunk.pageStart()).isLessThan(3);
        assertThat(chunk.pageEnd()).isGreaterThanOrEqualTo(3);
        Citation citation = Citation.ofSentence(1, passage, at, at + 3);
        assertThat(citation.page()).isEqualTo(3);
        assertThat(citation.pageEnd()).isEqualTo(3);
        assertThat(Highlight.of(1, passage, at, at + 3).page()).isEqualTo(3);
        int onFirstPage = chunk.start();
        assertThat(Citation.ofSentence(1, passage, onFirstPage, onFirstPage + 2).page()).isEqualTo(chunk.pageStart());
    }

    @Test
    void theExtractiveAnswerCitesTheQuotedSentencesPageAndHeading() throws Exception {
        ScoredChunk passage = indexedPassageHolding("travel-expense-policy.md", "600元");

        CitedAnswer answer = new ExtractiveAnswerer().answer("在一类城市出差，每晚住宿费报销上限是多少？", List.of(passage));

        assertThat(answer.highlights()).isNotEmpty().allSatisfy(h ->
                assertThat(h.headingPath()).isEqualTo(parsed.headingPathAt(h.start())));
        assertThat(answer.highlights().getFirst().headingPath()).endsWith("三、住宿标准");
        assertThat(answer.citations().getFirst().headingPath()).endsWith("三、住宿标准");
    }

    @Test
    void theExtractiveAnswerCitesTheQuotedSentencesOwnPage() throws Exception {
        ScoredChunk passage = indexedPassageHolding("employee-handbook.pdf", "15日");

        CitedAnswer answer = new ExtractiveAnswerer().answer("公司每月几号发放工资？", List.of(passage));

        assertThat(answer.highlights()).isNotEmpty().allSatisfy(h ->
                assertThat(h.page()).isEqualTo(parsed.pageAt(h.start())));
        assertThat(answer.citations().getFirst().page()).isEqualTo(answer.highlights().getFirst().page());
        assertThat(answer.citations().getFirst().page()).isNotEqualTo(passage.chunk().pageStart());
    }

    @Test
    void aGeneratedAnswersCitationPointsAtThePassageSentenceItsClaimRestsOn() throws Exception {
        ScoredChunk policy = indexedPassageHolding("travel-expense-policy.md", "600元");

        CitedAnswer answer = new CitationParser().parse("在一类城市出差，每晚住宿费上限为600元。[1]", List.of(policy));

        assertThat(answer.citations()).singleElement()
                .satisfies(c -> assertThat(c.headingPath()).endsWith("三、住宿标准"));
    }

    @Test
    void aGeneratedAnswersCitationHasTheClaimedSentencesPage() throws Exception {
        ScoredChunk handbook = indexedPassageHolding("employee-handbook.pdf", "15日");

        CitedAnswer answer = new CitationParser().parse("公司于每月15日发放上月工资 [1]。", List.of(handbook));

        assertThat(answer.citations().getFirst().page()).isEqualTo(parsed.pageAt(
                handbook.chunk().start() + handbook.text().indexOf("15日")));
        assertThat(answer.citations().getFirst().page()).isNotEqualTo(handbook.chunk().pageStart());
    }

    @Test
    void aClaimThatMatchesNoSentenceIsCitedAtThePassage() throws Exception {
        ScoredChunk policy = indexedPassageHolding("travel-expense-policy.md", "600元");

        CitedAnswer answer = new CitationParser().parse("Please see the policy. [1]", List.of(policy));

        assertThat(answer.citations().getFirst()).isEqualTo(Citation.of(1, policy));
    }

    @Test
    void passagesIndexedWithoutBoundariesAreCitedAtTheirStart() {
        Chunk old = new Chunk("d", 0, "第一句。第二句。", 0, 8, 2, 3, List.of("第一章"));
        ScoredChunk passage = new ScoredChunk(old, "a.pdf", "a", "application/pdf", RankTrace.NONE);

        Citation citation = Citation.ofSentence(1, passage, 4, 8);
        assertThat(citation.page()).isEqualTo(2);
        assertThat(citation.headingPath()).containsExactly("第一章");
    }

    /** Parses {@code file}, indexes its passages, and reads back the one holding {@code needle}. */
    private ScoredChunk indexedPassageHolding(String file, String needle) throws Exception {
        ParsedDocument document = PARSER.parse(CORPUS.resolve(file), file);
        parsed = document;
        List<Chunk> chunks = LARGE_PASSAGES.chunk("doc", document);
        IndexedDocument ledger = new IndexedDocument("doc", file, document.title(), document.contentType(), "hash",
                1, 0, 0, document.pages().size(), chunks.size(), Map.of());
        Path path = dir.resolve("c");
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", path, new IndexSettings("hashing", 16,
                Analyzers.CJK)); LuceneIndexWriter writer = index.openWriter()) {
            writer.upsert(ledger, chunks, chunks.stream()
                    .map(c -> EMBED.embed(TextSegment.from(c.text())).content().vector()).toList());
            writer.commit();
        }
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", path, null)) {
            Chunk stored = index.chunksOf("doc").stream().filter(c -> c.text().contains(needle)).findFirst()
                    .orElseThrow();
            assertThat(stored).isEqualTo(chunks.get(stored.ordinal()));
            return new ScoredChunk(stored, file, document.title(), document.contentType(), RankTrace.NONE);
        }
    }
}
