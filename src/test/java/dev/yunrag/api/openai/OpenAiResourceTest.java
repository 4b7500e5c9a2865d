package dev.yunrag.api.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.testing.StreamingRecorder;
import dev.yunrag.ingest.IngestionPipeline;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible endpoint as a real OpenAI client (LangChain4j's) and as raw HTTP sees it. */
@QuarkusTest
class OpenAiResourceTest {

    private static final String QUESTION = "女员工生育可以享受多少天产假？";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IngestionPipeline pipeline;

    @TestHTTPResource("/v1")
    URL v1;

    @BeforeEach
    void corpus() {
        SampleCorpus.ingest(pipeline);
    }

    private OpenAiChatModel chatModel(String model) {
        return OpenAiChatModel.builder().baseUrl(v1.toString()).apiKey("unused").modelName(model)
                .timeout(Duration.ofSeconds(60)).maxRetries(0).build();
    }

    @Test
    void openAiClientGetsACitedAnswer() {
        // given a client of the official wire format pointed at /v1
        OpenAiChatModel model = chatModel("yunrag");

        // when it asks a question whose answer is in the employee handbook
        ChatResponse response = model.chat(UserMessage.from(QUESTION));

        // then the answer states the fact with [n] markers
        String text = response.aiMessage().text();
        assertThat(text).contains("158").containsPattern("\\[\\d+]");
        assertThat(response.metadata().finishReason()).hasToString("STOP");
    }

    @Test
    void openAiStreamingClientReceivesSeveralPartialResponses() throws Exception {
        // given a streaming client
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(v1.toString()).apiKey("unused")
                .modelName("yunrag:default").timeout(Duration.ofSeconds(60)).build();
        StreamingRecorder recorder = new StreamingRecorder();

        // when it streams an answer
        model.chat(QUESTION, recorder);
        ChatResponse response = recorder.response(60);
        List<String> partials = recorder.answer();

        // then the answer arrives in several pieces that add up to the complete, cited answer
        assertThat(partials.stream().filter(p -> !p.isEmpty()).count()).isGreaterThan(1);
        AiMessage message = response.aiMessage();
        assertThat(String.join("", partials)).isEqualTo(message.text());
        assertThat(message.text()).contains("158").containsPattern("\\[\\d+]");
    }

    /** The example of docs/openai-api.md, "Requests", as written. */
    private static final String TOP_K_EXAMPLE = """
            {"model": "yunrag", "messages": [{"role": "user", "content": "女员工生育可以享受多少天产假？"}], "yunrag": {"topK": 2}}
            """;

    @Test
    void topKInTheYunragObjectOfTheRequestSetsThePassagesTheAnswerIsGiven() {
        // given the documented request with topK 2, and the same question without it (the configured 6)
        // when both are asked
        JsonNode two = post(TOP_K_EXAMPLE, 200);
        JsonNode configured = post(TOP_K_EXAMPLE.replace(", \"yunrag\": {\"topK\": 2}", ""), 200);

        // then the answer was given two passages: it cites no other, and its prompt counted fewer passage tokens
        assertThat(two.at("/choices/0/message/content").asText()).contains("158");
        assertThat(two.at("/choices/0/message/yunrag/citations").findValues("n"))
                .isNotEmpty().allSatisfy(n -> assertThat(n.asInt()).isBetween(1, 2));
        assertThat(two.at("/usage/prompt_tokens").asInt())
                .isLessThan(configured.at("/usage/prompt_tokens").asInt());
    }

    @Test
    void topKOutOfRangeIsAClearBadRequest() {
        JsonNode error = post(TOP_K_EXAMPLE.replace("\"topK\": 2", "\"topK\": 51"), 400);
        assertThat(error.at("/error/code").asText()).isEqualTo("invalid_request");
        assertThat(error.at("/error/message").asText()).isEqualTo("topK must be between 1 and 50, was 51");
    }

    @Test
    void historyMakesAFollowUpAnswerable() {
        // given an earlier exchange about maternity leave
        // when the follow-up only makes sense with it
        JsonNode completion = post("""
                {"model": "yunrag", "messages": [
                  {"role": "system", "content": "You are helpful."},
                  {"role": "user", "content": "公司每月几号发放工资？"},
                  {"role": "assistant", "content": "每月15日发放工资[1]。"},
                  {"role": "user", "content": [{"type": "text", "text": "女员工生育可以享受多少天产假？"}]}]}
                """, 200);

        // then it is answered, and content parts were read as text
        assertThat(completion.at("/choices/0/message/content").asText()).contains("158");
    }

    @Test
    void completionHasOpenAiShapeAndCitations() {
        // when a completion is requested over plain HTTP
        JsonNode completion = post("""
                {"model": "yunrag:default:extractive", "messages": [{"role": "user", "content": "%s"}]}
                """.formatted(QUESTION), 200);

        // then it has OpenAI's fields, and the citations behind every [n] of the content
        assertThat(completion.get("id").asText()).startsWith("chatcmpl-");
        assertThat(completion.get("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.get("created").asLong()).isPositive();
        assertThat(completion.get("model").asText()).isEqualTo("yunrag:default:extractive");
        JsonNode choice = completion.at("/choices/0");
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
        assertThat(choice.at("/message").has("reasoning_content")).as("no reasoning in extractive mode").isFalse();
        String content = choice.at("/message/content").asText();
        JsonNode citations = completion.get("citations");
        assertThat(citations).isNotEmpty();
        for (JsonNode citation : citations) {
            assertThat(content).contains("[" + citation.get("n").asInt() + "]");
            assertThat(citation.get("source").asText()).isNotBlank();
            assertThat(citation.get("text").asText()).isNotBlank();
        }
        assertThat(citations.findValuesAsText("source")).contains("sample-corpus/employee-handbook.pdf");
        // and usage, counted with the collection's tokenizer since an extractive answer has no model to report it
        assertTokenizerUsage(completion.get("usage"), content);
    }

    /** completion = the answer's bge-zh tokens; prompt = the question's and the passages', so more than the question's. */
    private static void assertTokenizerUsage(JsonNode usage, String content) {
        assertThat(usage).as("usage").isNotNull();
        try (var tokens = new dev.yunrag.embed.BertTokenCounter()) {
            assertThat(usage.get("completion_tokens").asInt()).isEqualTo(tokens.count(content)).isPositive();
            assertThat(usage.get("prompt_tokens").asInt()).isGreaterThan(tokens.count(QUESTION) + 20);
        }
        assertThat(usage.get("total_tokens").asInt())
                .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
    }

    @Test
    void streamIsOpenAiChunksThenDone() throws Exception {
        // when a stream is requested over plain HTTP
        String body = given().contentType(ContentType.JSON).body("""
                        {"model": "yunrag", "stream": true, "messages": [{"role": "user", "content": "%s"}]}
                        """.formatted(QUESTION))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/event-stream"))
                .extract().asString();

        // then every event is a "data: " line: chunks, and [DONE] last
        List<String> data = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            assertThat(event).startsWith("data: ");
            data.add(event.substring("data: ".length()));
        }
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String d : data.subList(0, data.size() - 1)) {
            chunks.add(JSON.readTree(d));
        }
        assertThat(chunks).hasSizeGreaterThan(3);
        String id = chunks.getFirst().get("id").asText();
        StringBuilder content = new StringBuilder();
        for (JsonNode chunk : chunks) {
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("id").asText()).isEqualTo(id);
            assertThat(chunk.get("model").asText()).isEqualTo("yunrag");
            assertThat(chunk.at("/choices/0").has("finish_reason")).isTrue();
            content.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.at("/choices/0/finish_reason").isNull()).isTrue());
        JsonNode last = chunks.getLast();
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(last.get("citations")).isNotEmpty();
        assertThat(last.at("/choices/0/delta/yunrag/citations")).isNotEmpty();
        assertThat(content.toString()).contains("158").containsPattern("\\[\\d+]");
        assertTokenizerUsage(last.get("usage"), content.toString());
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.has("usage")).isFalse());
    }

    @Test
    void modelsListsTheCollections() {
        given().when().get("/v1/models")
                .then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItems("yunrag", "yunrag:default"))
                .body("data[0].object", equalTo("model"))
                .body("data[0].owned_by", equalTo("yunrag"))
                .body("data[0].created", notNullValue());
    }

    @Test
    void oneModelCanBeRetrieved() {
        given().when().get("/v1/models/yunrag:default")
                .then().statusCode(200).body("id", equalTo("yunrag:default")).body("object", equalTo("model"));
        given().when().get("/v1/models/yunrag:nothing-here")
                .then().statusCode(404).body("error.code", equalTo("model_not_found"));
    }

    @Test
    void openAiClientSeesAnUnknownModelAsAnError() {
        assertThatThrownBy(() -> chatModel("gpt-4o").chat(UserMessage.from(QUESTION)))
                .hasMessageContaining("model_not_found");
    }

    @Test
    void unknownModelsAre404ModelNotFound() {
        for (String model : List.of("gpt-4o", "yunrag:no-such-collection", "yunrag:default:no-such-model",
                "yunrag:default:extractive:extra", "yunrag:../etc")) {
            JsonNode error = post("""
                    {"model": "%s", "messages": [{"role": "user", "content": "%s"}]}
                    """.formatted(model, QUESTION), 404);
            assertThat(error.at("/error/code").asText()).as(model).isEqualTo("model_not_found");
            assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.at("/error/message").asText()).isNotBlank();
        }
    }

    @Test
    void badRequestsAre400InOpenAiShape() {
        assertError("""
                {"model": "yunrag", "messages": []}""", 400, "invalid_messages");
        assertError("""
                {"model": "yunrag"}""", 400, "invalid_messages");
        assertError("""
                {"model": "yunrag", "messages": [{"role": "assistant", "content": "hi"}]}""", 400, "invalid_messages");
        assertError("""
                {"model": "yunrag", "messages": [{"role": "user", "content": "  "}]}""", 400, "invalid_question");
        assertError("""
                {"model": "yunrag", "messages": [{"role": "user", "content": "%s"}]}""".formatted("问".repeat(2001)),
                400, "invalid_question");
        assertError("""
                {"model": "yunrag", "messages": [{"role": "user", "content": 5}]}""", 400, "invalid_content");
        assertError("""
                {"model": "yunrag", "messages": [""", 400, "invalid_json");
        assertError("""
                {"model": "yunrag", "stream": "often", "messages": []}""", 400, "invalid_json");
        // a stream request is validated before the first event, so it gets a status too
        assertError("""
                {"model": "yunrag", "stream": true, "messages": [{"role": "user", "content": ""}]}""",
                400, "invalid_question");
    }

    @Test
    void unknownV1PathsAndMethodsAnswerInOpenAiErrorShape() {
        for (String path : List.of("/v1/embeddings", "/v1/chat/completion", "/v1/models/yunrag/extra", "/v1")) {
            String body = given().when().post(path)
                    .then().statusCode(404).contentType(ContentType.JSON).extract().asString();
            assertOpenAiError(body, "unknown_url");
        }
        String wrongMethod = given().when().get("/v1/chat/completions")
                .then().statusCode(405).contentType(ContentType.JSON).header("Allow", org.hamcrest.Matchers
                        .containsString("POST")).extract().asString();
        assertOpenAiError(wrongMethod, "method_not_allowed");
        assertOpenAiError(given().when().delete("/v1/models")
                .then().statusCode(405).contentType(ContentType.JSON).extract().asString(), "method_not_allowed");
        // outside /v1 the problem+json of /api stays
        given().when().get("/api/no-such-endpoint")
                .then().statusCode(404).contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
    }

    private static void assertOpenAiError(String body, String code) {
        try {
            JsonNode error = JSON.readTree(body).get("error");
            assertThat(error).as(body).isNotNull();
            assertThat(error.get("code").asText()).isEqualTo(code);
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.get("message").asText()).isNotBlank();
            assertThat(error.has("param")).isTrue();
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static void assertError(String body, int status, String code) {
        JsonNode error = post(body, status);
        assertThat(error.at("/error/code").asText()).as(body).isEqualTo(code);
        assertThat(error.at("/error/message").asText()).isNotBlank();
    }

    private static JsonNode post(String body, int status) {
        String response = given().contentType(ContentType.JSON).body(body)
                .when().post("/v1/chat/completions")
                .then().statusCode(status).contentType(ContentType.JSON).extract().asString();
        try {
            return JSON.readTree(response);
        } catch (java.io.IOException e) {
            throw new AssertionError(response, e);
        }
    }
}
