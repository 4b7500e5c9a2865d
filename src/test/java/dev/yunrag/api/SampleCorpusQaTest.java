package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.eval.AnswerNormalizer;
import dev.yunrag.ingest.IngestionPipeline;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * End to end on {@code sample-corpus/questions.jsonl} with the embedded defaults (in-process bge-small-zh, lexical
 * coverage reranking, extractive answers): every question goes through {@code POST /api/ask}, follow-ups with their
 * conversation. For the answerable questions it counts how often the expected document is cited, how often it is at
 * least among the passages handed to the answer step, and how often the answer contains the reference answer
 * (normalised by {@link AnswerNormalizer}); for the ones the corpus cannot answer, how often the answer says so
 * ({@code answered: false}, no citations, the closest passages as {@code related}). The floors sit a little below the
 * measured rates in docs/qa-sample-corpus.md, so a regression fails the build. The per-question table is written to
 * {@code target/qa-sample-corpus.txt}.
 */
@QuarkusTest
class SampleCorpusQaTest {

    /**
     * Measured 2026-12-06 (docs/qa-sample-corpus.md); floors leave room for HNSW and tie-order noise. The goals of
     * issue 12 are 0.95 / 0.90 / 0.90; the table questions wait for tables to be kept as tables.
     */
    static final double MIN_CITED_SOURCE_RATE = 0.9;
    static final double MIN_ANSWER_RATE = 0.85;
    static final double MIN_CORRECT_ABSTENTION = 0.6;

    @Inject
    IngestionPipeline pipeline;

    record Outcome(SampleCorpus.Question q, boolean retrieved, boolean inPassages, boolean cited, boolean pageCited,
                   boolean matched, boolean answeredFlag, String answer) {

        /** Right for its kind: the reference answer given, or "not found" said for an unanswerable question. */
        boolean right() {
            return q.answerable() ? matched && answeredFlag : !answeredFlag;
        }
    }

    @Test
    void sampleQuestionsAreAnsweredFromTheRightDocumentOrSaidNotFound() throws IOException {
        SampleCorpus.ingest(pipeline);
        List<SampleCorpus.Question> questions = SampleCorpus.questions();
        assertThat(questions).hasSizeGreaterThanOrEqualTo(50);
        assertThat(questions.stream().filter(q -> !q.answerable())).hasSizeGreaterThanOrEqualTo(10);

        List<Outcome> outcomes = new ArrayList<>();
        for (SampleCorpus.Question q : questions) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("question", q.question());
            if (!q.history().isEmpty()) {
                body.put("history", q.history());
            }
            JsonNode answer = AskResourceTest.read(given().contentType(ContentType.JSON).body(body)
                    .when().post("/api/ask").then().statusCode(200).extract().asString());
            boolean answeredFlag = answer.get("answered").asBoolean();
            if (!answeredFlag) {
                // "not found" cites nothing and shows the closest passages instead
                assertThat(answer.get("citations")).as(q.question()).isEmpty();
                assertThat(answer.get("related").size()).as(q.question()).isBetween(1, 3);
            } else {
                assertThat(answer.get("related")).as(q.question()).isEmpty();
            }
            outcomes.add(q.answerable() ? answerable(q, answer, answeredFlag)
                    : new Outcome(q, false, false, false, false, false, answeredFlag, answer.get("answer").asText()));
        }

        String report = report(outcomes);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/qa-sample-corpus.txt"), report);

        List<Outcome> answerable = outcomes.stream().filter(o -> o.q().answerable()).toList();
        List<Outcome> unanswerable = outcomes.stream().filter(o -> !o.q().answerable()).toList();
        assertThat(rate(answerable, Outcome::cited)).as("cited source rate").isGreaterThanOrEqualTo(MIN_CITED_SOURCE_RATE);
        assertThat(rate(answerable, Outcome::matched)).as("answer rate").isGreaterThanOrEqualTo(MIN_ANSWER_RATE);
        assertThat(rate(unanswerable, Outcome::right)).as("correct abstention")
                .isGreaterThanOrEqualTo(MIN_CORRECT_ABSTENTION);
    }

    private static Outcome answerable(SampleCorpus.Question q, JsonNode answer, boolean answeredFlag) {
        boolean retrieved = answer.get("sources").findValuesAsText("source").contains(SampleCorpus.source(q.source()));
        // the reference answer is in some passage handed to the answer step: then a miss is sentence choice
        boolean inPassages = AnswerNormalizer.containsAny(
                String.join("\n", answer.get("sources").findValuesAsText("text")), List.of(q.answer()));
        boolean cited = false;
        boolean pageCited = false;
        for (JsonNode c : answer.get("citations")) {
            if (c.get("source").asText().equals(SampleCorpus.source(q.source()))) {
                cited = true;
                JsonNode passage = answer.get("sources").get(c.get("n").asInt() - 1);
                pageCited |= q.page() == null || (q.page() >= passage.get("page").asInt()
                        && q.page() <= passage.get("pageEnd").asInt());
            }
        }
        boolean matched = AnswerNormalizer.containsAny(answer.get("answer").asText().replaceAll("\\[\\d+]", " "),
                List.of(q.answer()));
        return new Outcome(q, retrieved, inPassages, cited, pageCited, matched, answeredFlag,
                answer.get("answer").asText());
    }

    private static double rate(List<Outcome> outcomes, Predicate<Outcome> hit) {
        return outcomes.isEmpty() ? 0 : outcomes.stream().filter(hit).count() / (double) outcomes.size();
    }

    private static String report(List<Outcome> outcomes) {
        List<Outcome> answerable = outcomes.stream().filter(o -> o.q().answerable()).toList();
        List<Outcome> unanswerable = outcomes.stream().filter(o -> !o.q().answerable()).toList();
        StringBuilder out = new StringBuilder();
        out.append(String.format("sample-corpus QA, %d answerable questions: expected source among passages %.3f,"
                        + " reference answer in passages %.3f, source cited %.3f (page right %.3f),"
                        + " answer contains reference %.3f, answered \"not found\" %.3f%n", answerable.size(),
                rate(answerable, Outcome::retrieved), rate(answerable, Outcome::inPassages),
                rate(answerable, Outcome::cited), rate(answerable, Outcome::pageCited),
                rate(answerable, Outcome::matched), rate(answerable, o -> !o.answeredFlag())));
        out.append(String.format("%d unanswerable questions: correct abstention %.3f%n", unanswerable.size(),
                rate(unanswerable, Outcome::right)));
        for (Outcome o : outcomes) {
            out.append(String.format("%s%s%s%s%s | %s | %s | %s | expected %s | got: %s%n", o.retrieved() ? "R" : "-",
                    o.inPassages() ? "P" : "-", o.cited() ? "C" : "-", o.matched() ? "A" : "-",
                    o.right() ? "+" : "x", o.q().kind() == null ? "" : o.q().kind(),
                    o.q().source() == null ? "(none)" : o.q().source(), o.q().question(), o.q().answer(),
                    o.answer().replace('\n', ' ')));
        }
        return out.toString();
    }
}
