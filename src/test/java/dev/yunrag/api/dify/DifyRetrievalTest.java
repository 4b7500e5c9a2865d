package dev.yunrag.api.dify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.ingest.IngestionPipeline;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/dify/retrieval} against Dify's external knowledge API spec: its example request and response
 * shape, top_k, score_threshold, every comparison operator of metadata_condition, and its error codes.
 */
@QuarkusTest
class DifyRetrievalTest {

    /** The spec's "Example Request", verbatim. */
    static final String SPEC_EXAMPLE_REQUEST = """
            {
                "knowledge_id": "your-knowledge-id",
                "query": "What is Dify?",
                "retrieval_setting": {
                    "top_k": 3,
                    "score_threshold": 0.5
                }
            }""";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IngestionPipeline pipeline;

    @BeforeEach
    void corpus() {
        SampleCorpus.ingest(pipeline);
    }

    @Test
    void theSpecsExampleRequestForAnUnknownKnowledgeBaseIs2001With404() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer your-api-key")
                .body(SPEC_EXAMPLE_REQUEST).when().post("/api/dify/retrieval")
                .then().statusCode(404).contentType(ContentType.JSON)
                .body("error_code", org.hamcrest.Matchers.equalTo(2001))
                .body("error_msg", org.hamcrest.Matchers.containsString("your-knowledge-id"));
    }

    @Test
    void theSpecsExampleRequestOnACollectionAnswersInTheSpecsResponseShape() throws Exception {
        String request = SPEC_EXAMPLE_REQUEST.replace("your-knowledge-id", "default")
                .replace("What is Dify?", "What does the remote work policy say about working from home?");
        JsonNode response = JSON.readTree(post(request));

        // the example response's shape: {"records": [{content, score, title, metadata{}}]}, at most top_k
        assertThat(fieldNames(response)).containsExactly("records");
        JsonNode records = response.get("records");
        assertThat(records.size()).isBetween(1, 3);
        for (JsonNode r : records) {
            assertThat(r.get("content").isTextual()).isTrue();
            assertThat(r.get("title").isTextual()).isTrue();
            assertThat(r.get("score").isNumber()).isTrue();
            // score_threshold 0.5 of the example: nothing below it
            assertThat(r.get("score").asDouble()).isBetween(0.5, 1.0);
            assertThat(r.get("metadata").isObject()).isTrue();
        }
        assertThat(records.get(0).at("/metadata/source").asText()).isEqualTo(
                SampleCorpus.source("remote-work-policy-en.odt"));
    }

    @Test
    void recordsCarrySourcePageHeadingsChunkAndAResolvableCitationUrl() throws Exception {
        JsonNode records = records("产假多少天", 3, 0.0, null);

        JsonNode first = records.get(0);
        assertThat(first.get("content").asText()).contains("158");
        assertThat(first.get("title").asText()).isNotBlank();
        JsonNode metadata = first.get("metadata");
        assertThat(metadata.get("source").asText()).isEqualTo(SampleCorpus.source("employee-handbook.pdf"));
        assertThat(metadata.get("page").asInt()).isBetween(1, 4);
        assertThat(metadata.get("heading_path").isArray()).isTrue();
        assertThat(metadata.get("chunk_id").asText()).startsWith(metadata.get("document_id").asText() + "#");
        assertThat(metadata.get("rank").asInt()).isEqualTo(1);

        // the citation URL opens the document with its chunks, the cited one among them
        URI url = URI.create(metadata.get("citation_url").asText());
        assertThat(url.getFragment()).isEqualTo("chunk=" + metadata.get("chunk_id").asText().replaceAll(".*#", ""));
        JsonNode document = JSON.readTree(given().when().get(url.getRawPath()).then().statusCode(200)
                .extract().asString());
        List<String> chunkTexts = new ArrayList<>();
        document.get("chunks").forEach(c -> chunkTexts.add(c.get("text").asText()));
        assertThat(chunkTexts).contains(first.get("content").asText());
    }

    @Test
    void scoresAreBetweenZeroAndOneAndTheThresholdDropsWhatIsBelowIt() throws Exception {
        JsonNode all = records("出差住宿标准", 10, 0.0, null);
        assertThat(all.size()).isEqualTo(10);
        List<Double> scores = new ArrayList<>();
        all.forEach(r -> scores.add(r.get("score").asDouble()));
        assertThat(scores).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
        // a threshold between the lowest and highest score keeps exactly those at or above it
        double threshold = (scores.stream().mapToDouble(d -> d).max().orElseThrow()
                + scores.stream().mapToDouble(d -> d).min().orElseThrow()) / 2;
        JsonNode kept = records("出差住宿标准", 10, threshold, null);
        assertThat(kept.size()).isEqualTo((int) scores.stream().filter(s -> s >= threshold).count());
        assertThat(kept.size()).isBetween(1, 9);
        kept.forEach(r -> assertThat(r.get("score").asDouble()).isGreaterThanOrEqualTo(threshold));
    }

    @Test
    void everyTextOperatorFiltersBySource() throws Exception {
        String travel = SampleCorpus.source("travel-expense-policy.md");
        String handbook = SampleCorpus.source("employee-handbook.pdf");

        assertThat(sources("contains", "travel")).containsOnly(travel);
        assertThat(sources("not contains", "travel")).isNotEmpty().doesNotContain(travel);
        assertThat(sources("start with", "sample-corpus/travel")).containsOnly(travel);
        assertThat(sources("end with", ".pdf")).containsOnly(handbook);
        assertThat(sources("is", travel)).containsOnly(travel);
        assertThat(sources("is not", travel)).isNotEmpty().doesNotContain(travel);
        assertThat(sources("in", List.of(travel, handbook))).isNotEmpty().isSubsetOf(travel, handbook);
        assertThat(sources("not in", List.of(travel, handbook))).isNotEmpty().doesNotContain(travel, handbook);
        assertThat(sources("empty", null)).isEmpty();
        assertThat(sources("not empty", null)).hasSize(10);
    }

    @Test
    void contentTypeIsFilterableToo() throws Exception {
        JsonNode records = records("公司 员工", 10, 0.0, condition("and",
                cond("content_type", "is", "application/pdf")));
        assertThat(records).isNotEmpty();
        records.forEach(r -> assertThat(r.at("/metadata/content_type").asText()).isEqualTo("application/pdf"));
    }

    @Test
    void everyNumericAndDateOperatorFiltersByModificationTime() throws Exception {
        // every corpus file was modified after 2000-01-01 (946684800 in Unix seconds) and before 2100
        long y2000 = 946_684_800L;
        long y2100 = 4_102_444_800L;
        assertThat(timeSources(">", y2000)).hasSize(10);
        assertThat(timeSources("≥", y2000)).hasSize(10);
        assertThat(timeSources("after", "2000-01-01")).hasSize(10);
        assertThat(timeSources("<", y2100)).hasSize(10);
        assertThat(timeSources("≤", y2100)).hasSize(10);
        assertThat(timeSources("before", "2100-01-01T00:00:00Z")).hasSize(10);
        assertThat(timeSources("<", y2000)).isEmpty();
        assertThat(timeSources("before", "2000-01-01")).isEmpty();
        assertThat(timeSources("=", y2000)).isEmpty();
        assertThat(timeSources("≠", y2000)).hasSize(10);
    }

    @Test
    void orJoinsConditionsAndAndIsTheDefault() throws Exception {
        String travel = SampleCorpus.source("travel-expense-policy.md");
        String handbook = SampleCorpus.source("employee-handbook.pdf");
        List<Map<String, Object>> both = List.of(cond("source", "is", travel), cond("source", "is", handbook));

        assertThat(sourcesOf(records("公司 员工 报销", 20, 0.0, condition("or", both.toArray(Map[]::new)))))
                .contains(travel, handbook).containsOnly(travel, handbook);
        assertThat(records("公司 员工 报销", 20, 0.0, Map.of("conditions", both))).isEmpty();
    }

    @Test
    void badConditionsAndBodiesAre400InDifysShape() {
        badRequest(Map.of("knowledge_id", "default", "query", "x", "retrieval_setting", Map.of("top_k", 3,
                "score_threshold", 0), "metadata_condition", condition("and", cond("author", "is", "x"))), "author");
        badRequest(Map.of("knowledge_id", "default", "query", "x", "retrieval_setting", Map.of("top_k", 3,
                "score_threshold", 0), "metadata_condition", condition("and", cond("source", ">", 3))), "source is text");
        badRequest(Map.of("knowledge_id", "default", "query", "x", "retrieval_setting", Map.of("top_k", 3,
                "score_threshold", 0), "metadata_condition", condition("and", cond("source", "like", "x"))),
                "comparison_operator");
        badRequest(Map.of("query", "x", "retrieval_setting", Map.of("top_k", 3, "score_threshold", 0)),
                "knowledge_id");
        badRequest(Map.of("knowledge_id", "default", "query", "x", "retrieval_setting", Map.of("top_k", 0,
                "score_threshold", 0)), "top_k");
        badRequest(Map.of("knowledge_id", "default", "query", "x", "retrieval_setting", Map.of("top_k", 3,
                "score_threshold", 1.5)), "score_threshold");
        // found by OpenApiFuzzTest: these were read as defaults and as top_k 2
        badRequest(Map.of("knowledge_id", "default", "query", "x", "retrieval_setting", "top 3"),
                "retrieval_setting must be an object");
        badRequest(Map.of("knowledge_id", "default", "query", "x", "retrieval_setting", Map.of("top_k", 2.5,
                "score_threshold", 0)), "top_k must be an integer");
    }

    @Test
    void difysConnectionCheckWithNoBodyIsNeither403Nor404() {
        // Dify checks a new External Knowledge API by POSTing to /retrieval with the key and no body; it rejects
        // the registration on 403 (bad key) or 404 (no endpoint). A valid key must pass that check.
        given().header("Authorization", "Bearer any").when().post("/api/dify/retrieval")
                .then().statusCode(400).body("error_code", org.hamcrest.Matchers.equalTo(400));
    }

    @Test
    void theRequestInDocsDifyMdWorksAsWritten() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/dify.md"));
        String section = doc.substring(doc.indexOf("## Try it"));
        String request = section.substring(section.indexOf("```json") + 7, section.indexOf("```", section.indexOf("```json") + 7));
        String curlBody = section.substring(section.indexOf("-d '") + 4, section.indexOf("'", section.indexOf("-d '") + 4));
        assertThat(JSON.readTree(curlBody)).isEqualTo(JSON.readTree(request));

        JsonNode records = JSON.readTree(post(request)).get("records");
        System.out.println("docs/dify.md request answered: " + records);
        assertThat(records.size()).isBetween(1, 3);
        assertThat(records.get(0).get("content").asText()).contains("158");
        assertThat(records.get(0).at("/metadata/source").asText()).isEqualTo(SampleCorpus.source("employee-handbook.pdf"));
        records.forEach(r -> assertThat(r.get("score").asDouble()).isGreaterThanOrEqualTo(0.5));
    }

    @Test
    void answeringPassagesScoreHigherThanUnrelatedOnes() throws Exception {
        // the guide in docs/dify.md: a passage that answers scores clearly above an unrelated one
        JsonNode answer = records("产假多少天", 1, 0.0, null).get(0);
        JsonNode unrelated = records("产假多少天", 1, 0.0, condition("and",
                cond("source", "is", SampleCorpus.source("smart-speaker-manual.html")))).get(0);
        System.out.println("score of the answer " + answer.get("score") + ", of the speaker manual's best "
                + unrelated.get("score"));
        assertThat(answer.get("score").asDouble()).isGreaterThan(unrelated.get("score").asDouble() + 0.15);
    }

    private static void badRequest(Object body, String messagePart) {
        given().contentType(ContentType.JSON).body(body).when().post("/api/dify/retrieval")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error_code", org.hamcrest.Matchers.equalTo(400))
                .body("error_msg", org.hamcrest.Matchers.containsString(messagePart));
    }

    private static List<String> sources(String operator, Object value) throws Exception {
        return sourcesOf(records("公司 员工 报销 政策", 10, 0.0, condition("and", cond("source", operator, value))));
    }

    private static List<String> timeSources(String operator, Object value) throws Exception {
        return sourcesOf(records("公司 员工 报销 政策", 10, 0.0, condition("and", cond("modified", operator, value))));
    }

    private static List<String> sourcesOf(JsonNode records) {
        List<String> sources = new ArrayList<>();
        records.forEach(r -> sources.add(r.at("/metadata/source").asText()));
        return sources;
    }

    static Map<String, Object> cond(String name, String operator, Object value) {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("name", name);
        c.put("comparison_operator", operator);
        if (value != null) {
            c.put("value", value);
        }
        return c;
    }

    @SafeVarargs
    static Map<String, Object> condition(String logical, Map<String, Object>... conditions) {
        return Map.of("logical_operator", logical, "conditions", List.of(conditions));
    }

    static JsonNode records(String query, int topK, double threshold, Map<String, Object> condition) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("knowledge_id", "default");
        body.put("query", query);
        body.put("retrieval_setting", Map.of("top_k", topK, "score_threshold", threshold));
        if (condition != null) {
            body.put("metadata_condition", condition);
        }
        JsonNode response = JSON.readTree(post(JSON.writeValueAsString(body)));
        response.get("records").forEach(r -> assertThat(r.get("metadata").isObject()).isTrue());
        return response.get("records");
    }

    private static String post(String json) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer any").body(json)
                .when().post("/api/dify/retrieval").then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
