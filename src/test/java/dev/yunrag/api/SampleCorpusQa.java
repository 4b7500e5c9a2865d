package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.eval.AnswerNormalizer;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.SampleCorpus;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The measurement of docs/qa-sample-corpus.md: every question of {@code sample-corpus/questions.jsonl} through
 * {@code POST /api/ask} of the running test server, follow-ups with their conversation. For the answerable questions
 * it records whether the expected document is among the passages, cited (with the right page) and whether the answer
 * contains the reference answer (normalised by {@link AnswerNormalizer}); for the ones the corpus cannot answer,
 * whether the answer says so ({@code answered: false}, no citations, the closest passages as {@code related}).
 * Shared by {@link SampleCorpusQaTest} (floors, default suite) and {@link SampleCorpusRegressionTest} (the published
 * figures, slow).
 */
final class SampleCorpusQa {

    record Outcome(SampleCorpus.Question q, boolean retrieved, boolean inPassages, boolean cited, boolean pageCited,
                   boolean matched, boolean answeredFlag, String answer) {

        /** Right for its kind: the reference answer given, or "not found" said for an unanswerable question. */
        boolean right() {
            return q.answerable() ? matched && answeredFlag : !answeredFlag;
        }
    }

    /** The outcomes of one run, in the order of the questions. */
    record Result(List<Outcome> outcomes) {

        List<Outcome> answerable() {
            return outcomes.stream().filter(o -> o.q().answerable()).toList();
        }

        List<Outcome> unanswerable() {
            return outcomes.stream().filter(o -> !o.q().answerable()).toList();
        }

        /** The rates of docs/qa-sample-corpus.md by the names the regression file uses. */
        Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("sourceRetrieved", rate(answerable(), Outcome::retrieved));
            m.put("referenceInPassages", rate(answerable(), Outcome::inPassages));
            m.put("sourceCited", rate(answerable(), Outcome::cited));
            m.put("pageRight", rate(answerable(), Outcome::pageCited));
            m.put("answerContains", rate(answerable(), Outcome::matched));
            m.put("answeredNotFound", rate(answerable(), o -> !o.answeredFlag()));
            m.put("correctAbstention", rate(unanswerable(), Outcome::right));
            return m;
        }

        String report() {
            List<Outcome> answerable = answerable();
            StringBuilder out = new StringBuilder();
            out.append(String.format("sample-corpus QA, %d answerable questions: expected source among passages %.3f,"
                            + " reference answer in passages %.3f, source cited %.3f (page right %.3f),"
                            + " answer contains reference %.3f, answered \"not found\" %.3f%n", answerable.size(),
                    rate(answerable, Outcome::retrieved), rate(answerable, Outcome::inPassages),
                    rate(answerable, Outcome::cited), rate(answerable, Outcome::pageCited),
                    rate(answerable, Outcome::matched), rate(answerable, o -> !o.answeredFlag())));
            out.append(String.format("%d unanswerable questions: correct abstention %.3f%n", unanswerable().size(),
                    rate(unanswerable(), Outcome::right)));
            for (Outcome o : outcomes) {
                out.append(String.format("%s%s%s%s%s | %s | %s | %s | expected %s | got: %s%n",
                        o.retrieved() ? "R" : "-", o.inPassages() ? "P" : "-", o.cited() ? "C" : "-",
                        o.matched() ? "A" : "-", o.right() ? "+" : "x", o.q().kind() == null ? "" : o.q().kind(),
                        o.q().source() == null ? "(none)" : o.q().source(), o.q().question(), o.q().answer(),
                        o.answer().replace('\n', ' ')));
            }
            return out.toString();
        }
    }

    private SampleCorpusQa() {
    }

    /** Asks every question; the shape of each answer ("not found" cites nothing, shows 1-3 related) is asserted. */
    static Result askAll(List<SampleCorpus.Question> questions) {
        List<Outcome> outcomes = new ArrayList<>();
        for (SampleCorpus.Question q : questions) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("question", q.question());
            if (!q.history().isEmpty()) {
                body.put("history", q.history());
            }
            JsonNode answer = Json.read(given().contentType(ContentType.JSON).body(body)
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
        return new Result(outcomes);
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

    static double rate(List<Outcome> outcomes, Predicate<Outcome> hit) {
        return outcomes.isEmpty() ? 0 : outcomes.stream().filter(hit).count() / (double) outcomes.size();
    }
}
