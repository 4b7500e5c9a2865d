package dev.yunrag.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.eval.AnswerNormalizer;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.SampleCorpus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end on {@code sample-corpus/questions.jsonl} with the embedded defaults (in-process bge-small-zh, lexical
 * coverage reranking, extractive answers): every question goes through {@code POST /api/ask}, follow-ups with their
 * conversation ({@link SampleCorpusQa}). For the answerable questions it counts how often the expected document is
 * cited, how often it is at least among the passages handed to the answer step, and how often the answer contains the
 * reference answer (normalised by {@link AnswerNormalizer}); for the ones the corpus cannot answer, how often the
 * answer says so ({@code answered: false}, no citations, the closest passages as {@code related}). The floors sit a
 * little below the measured rates in docs/qa-sample-corpus.md, so a regression fails the build. The per-question table
 * is written to {@code target/qa-sample-corpus.txt}.
 */
@QuarkusTest
class SampleCorpusQaTest {

    /**
     * Measured 2026-12-06 (docs/qa-sample-corpus.md); floors leave room for HNSW and tie-order noise. The goals of
     * issue 12 are 0.95 / 0.90 / 0.90; the table questions wait for tables to be kept as tables.
     */
    static final double MIN_CITED_SOURCE_RATE = 0.9;
    static final double MIN_ANSWER_RATE = 0.85;
    static final double MIN_CORRECT_ABSTENTION = 0.7;

    @Inject
    IngestionPipeline pipeline;

    @Test
    void sampleQuestionsAreAnsweredFromTheRightDocumentOrSaidNotFound() throws IOException {
        SampleCorpus.ingest(pipeline);
        List<SampleCorpus.Question> questions = SampleCorpus.questions();
        assertThat(questions).hasSizeGreaterThanOrEqualTo(50);
        assertThat(questions.stream().filter(q -> !q.answerable())).hasSizeGreaterThanOrEqualTo(10);

        SampleCorpusQa.Result result = SampleCorpusQa.askAll(questions);

        String report = result.report();
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/qa-sample-corpus.txt"), report);

        List<SampleCorpusQa.Outcome> answerable = result.answerable();
        List<SampleCorpusQa.Outcome> unanswerable = result.unanswerable();
        assertThat(SampleCorpusQa.rate(answerable, SampleCorpusQa.Outcome::cited)).as("cited source rate")
                .isGreaterThanOrEqualTo(MIN_CITED_SOURCE_RATE);
        assertThat(SampleCorpusQa.rate(answerable, SampleCorpusQa.Outcome::matched)).as("answer rate")
                .isGreaterThanOrEqualTo(MIN_ANSWER_RATE);
        assertThat(SampleCorpusQa.rate(unanswerable, SampleCorpusQa.Outcome::right)).as("correct abstention")
                .isGreaterThanOrEqualTo(MIN_CORRECT_ABSTENTION);
    }
}
