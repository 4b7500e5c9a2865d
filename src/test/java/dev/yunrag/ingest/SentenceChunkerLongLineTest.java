package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.embed.BertTokenCounter;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ParsedDocument;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A document that is one very long line (no sentence end, a minified file, a run of one character) is chunked with
 * work proportional to its length: the tokenizer is never handed more than a bounded window, the characters it reads
 * in total grow linearly, and the chunks still keep the budget, exact offsets and cover the whole text (issue 18,
 * finding 6: a 24 MB single line ran past 200 s at 4.9 GB in one {@code count} of the whole line).
 */
class SentenceChunkerLongLineTest {

    private static final int MAX_TOKENS = 384;
    private static final int OVERLAP_TOKENS = 32;
    private static BertTokenCounter bert;

    @BeforeAll
    static void loadTokenizer() {
        bert = new BertTokenCounter();
    }

    @AfterAll
    static void close() {
        bert.close();
    }

    /** One-line texts of about {@code chars} characters that hold no sentence end. */
    enum LongLine {
        ENGLISH_WITHOUT_FULL_STOP(chars -> repeatTo("the leave policy grants fifteen paid days a year, ", chars)),
        CHINESE_WITHOUT_FULL_STOP(chars -> repeatTo("员工每年享有十五天带薪年假，需提前两周申请，", chars)),
        MINIFIED_SCRIPT(chars -> repeatTo("var a=function(b){return b+1};if(a(2)>3){x.y=[1,2,3]}", chars)),
        ONE_CHARACTER(chars -> "a".repeat(chars));

        private final IntFunction<String> text;

        LongLine(IntFunction<String> text) {
            this.text = text;
        }

        String of(int chars) {
            return text.apply(chars);
        }

        private static String repeatTo(String piece, int chars) {
            return piece.repeat(chars / piece.length() + 1).substring(0, chars);
        }
    }

    /** Counts what the chunker asks of the tokenizer. */
    private static final class CountingTokenCounter implements TokenCounter {
        long calls;
        long charsTokenized;
        int longestInput;

        @Override
        public int count(String text) {
            calls++;
            charsTokenized += text.length();
            longestInput = Math.max(longestInput, text.length());
            return bert.count(text);
        }
    }

    @ParameterizedTest
    @EnumSource(LongLine.class)
    void aLongLineIsTokenizedInBoundedWindowsWithLinearWork(LongLine kind) {
        CountingTokenCounter small = chunkCounting(kind.of(100_000));
        CountingTokenCounter large = chunkCounting(kind.of(400_000));

        // No call reads the whole line: each sees at most a window tied to the budget, not to the text.
        assertThat(large.longestInput).isLessThanOrEqualTo(MAX_TOKENS * 16);
        assertThat(small.longestInput).isLessThanOrEqualTo(MAX_TOKENS * 16);
        // Four times the text costs about four times the tokenizing (a quadratic cost would be sixteen times).
        assertThat(large.charsTokenized).isLessThanOrEqualTo(3L * 400_000);
        assertThat((double) large.charsTokenized / small.charsTokenized).isBetween(3.0, 5.0);
        assertThat((double) large.calls / small.calls).isBetween(3.0, 5.0);
    }

    @ParameterizedTest
    @EnumSource(LongLine.class)
    void chunksOfALongLineKeepTheBudgetAndExactOffsetsAndCoverTheText(LongLine kind) {
        String text = kind.of(120_000);
        List<Chunk> chunks = new SentenceChunker(bert, MAX_TOKENS, OVERLAP_TOKENS).chunk("d", doc(text));

        assertThat(chunks).hasSizeGreaterThan(10);
        int coveredTo = 0;
        int previousStart = 0;
        for (Chunk chunk : chunks) {
            assertThat(chunk.text()).isEqualTo(text.substring(chunk.start(), chunk.end()));
            assertThat(bert.count(chunk.text())).isLessThanOrEqualTo(MAX_TOKENS);
            // A chunk is bounded in characters too, even where the tokenizer folds a long run into one [UNK].
            assertThat(chunk.text().length()).isLessThanOrEqualTo(MAX_TOKENS * 16);
            // Chunks follow each other, overlapping or separated by whitespace only: nothing is lost.
            assertThat(chunk.start()).isGreaterThanOrEqualTo(previousStart);
            previousStart = chunk.start();
            assertThat(text.substring(Math.min(coveredTo, chunk.start()), chunk.start())).isBlank();
            coveredTo = Math.max(coveredTo, chunk.end());
        }
        assertThat(text.substring(coveredTo)).isBlank();
    }

    private static CountingTokenCounter chunkCounting(String text) {
        CountingTokenCounter counter = new CountingTokenCounter();
        List<Chunk> chunks = new SentenceChunker(counter, MAX_TOKENS, OVERLAP_TOKENS).chunk("d", doc(text));
        assertThat(chunks).isNotEmpty();
        return counter;
    }

    private static ParsedDocument doc(String text) {
        return new ParsedDocument("long.txt", "long", "text/plain", text, List.of(), List.of(), Map.of());
    }
}
