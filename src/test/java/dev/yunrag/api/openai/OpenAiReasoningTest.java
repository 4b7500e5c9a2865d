package dev.yunrag.api.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.StreamingRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With answer models configured: the model id picks one, reasoning goes to reasoning_content, usage is reported. */
@QuarkusTest
@TestProfile(WithAnswerModelsProfile.class)
class OpenAiReasoningTest {

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

    @Test
    void openAiClientGetsReasoningApartFromTheAnswer() {
        // given an OpenAI client that reads DeepSeek's reasoning_content
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(v1.toString()).apiKey("unused")
                .modelName("yunrag:default:deepseek-r1").returnThinking(true).timeout(Duration.ofSeconds(60))
                .maxRetries(0).build();

        // when it asks
        ChatResponse response = model.chat(UserMessage.from(QUESTION));

        // then the thinking arrives as thinking, the content is only the cited answer, and usage is reported
        assertThat(response.aiMessage().thinking()).isEqualTo(String.join("", ScriptedAnswerModels.THINKING));
        assertThat(response.aiMessage().text()).isEqualTo(String.join("", ScriptedAnswerModels.ANSWER))
                .doesNotContain("用户问产假天数");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(321);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(17);
    }

    @Test
    void streamingClientGetsThinkingAndAnswerDeltasApart() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(v1.toString()).apiKey("unused")
                .modelName("yunrag:default:DeepSeek-R1-32B").returnThinking(true).timeout(Duration.ofSeconds(60))
                .build();
        StreamingRecorder recorder = new StreamingRecorder();

        model.chat(QUESTION, recorder);
        ChatResponse response = recorder.response(60);
        List<String> answer = recorder.answer();
        List<String> thinking = recorder.thinking();

        assertThat(thinking).isEqualTo(ScriptedAnswerModels.THINKING);
        assertThat(answer.stream().filter(s -> !s.isEmpty()).toList()).isEqualTo(ScriptedAnswerModels.ANSWER);
        assertThat(response.aiMessage().text()).doesNotContain("用户问");
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(338);
    }

    @Test
    void rawCompletionHasReasoningContentUsageAndCitations() throws IOException {
        JsonNode completion = JSON.readTree(given().contentType(ContentType.JSON).body(Map.of(
                        "model", "yunrag:default:deepseek-r1",
                        "messages", List.of(Map.of("role", "user", "content", QUESTION))))
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString());

        assertThat(completion.at("/choices/0/message/reasoning_content").asText()).contains("用户问产假天数");
        assertThat(completion.at("/choices/0/message/content").asText()).contains("158天[1]")
                .doesNotContain("用户问");
        assertThat(completion.at("/usage/prompt_tokens").asInt()).isEqualTo(321);
        assertThat(completion.at("/usage/completion_tokens").asInt()).isEqualTo(17);
        assertThat(completion.at("/usage/total_tokens").asInt()).isEqualTo(338);
        assertThat(completion.get("citations")).hasSize(1);
        assertThat(completion.at("/citations/0/n").asInt()).isEqualTo(1);
    }

    @Test
    void rawStreamHasReasoningDeltasAndUsageInTheLastChunk() throws IOException {
        String body = given().contentType(ContentType.JSON).body(Map.of("model", "yunrag:default:deepseek-r1",
                        "stream", true, "messages", List.of(Map.of("role", "user", "content", QUESTION))))
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString();
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (!event.equals("data: [DONE]")) {
                chunks.add(JSON.readTree(event.substring("data: ".length())));
            }
        }
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (JsonNode chunk : chunks) {
            JsonNode delta = chunk.at("/choices/0/delta");
            assertThat(delta.has("content") && delta.has("reasoning_content")).as("never both in one delta").isFalse();
            content.append(delta.path("content").asText(""));
            reasoning.append(delta.path("reasoning_content").asText(""));
        }
        assertThat(reasoning.toString()).isEqualTo(String.join("", ScriptedAnswerModels.THINKING));
        assertThat(content.toString()).isEqualTo(String.join("", ScriptedAnswerModels.ANSWER));
        JsonNode last = chunks.getLast();
        assertThat(last.at("/usage/total_tokens").asInt()).isEqualTo(338);
        assertThat(last.get("citations")).hasSize(1);
    }

    @Test
    void chunksReachTheClientAsTheyAreMadeNotAllAtTheEnd() throws Exception {
        // given a model that takes PIECE_MILLIS per answer piece
        HttpRequest request = HttpRequest.newBuilder(URI.create(v1 + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "yunrag:default:TianQing-72B", "stream": true,
                         "messages": [{"role": "user", "content": "%s"}]}""".formatted(QUESTION))).build();

        // when the stream is read line by line, noting when each content chunk arrives
        List<Long> arrivals = new ArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofLines());
        response.body().filter(line -> line.contains("\"content\":\"") && !line.contains("\"content\":\"\""))
                .forEach(line -> arrivals.add(System.nanoTime()));

        // then the pieces arrived spread out over the generation time, not in one burst at the end
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(arrivals).hasSize(ScriptedAnswerModels.ANSWER.size());
        long spreadMillis = (arrivals.getLast() - arrivals.getFirst()) / 1_000_000;
        assertThat(spreadMillis).isGreaterThanOrEqualTo(
                (ScriptedAnswerModels.ANSWER.size() - 1) * ScriptedAnswerModels.PIECE_MILLIS / 2);
    }

    @Test
    void plainChatModelHasNoReasoningContent() throws IOException {
        JsonNode completion = JSON.readTree(given().contentType(ContentType.JSON).body(Map.of(
                        "model", "yunrag:default:TianQing-72B",
                        "messages", List.of(Map.of("role", "user", "content", QUESTION))))
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString());

        assertThat(completion.at("/choices/0/message").has("reasoning_content")).isFalse();
        assertThat(completion.at("/choices/0/message/content").asText()).contains("158天[1]");
    }

    @Test
    void modelsListsEachAnswerModelPerCollection() {
        given().when().get("/v1/models").then().statusCode(200)
                .body("data.id", hasItems("yunrag", "yunrag:default", "yunrag:default:TianQing-72B",
                        "yunrag:default:DeepSeek-R1-32B", "yunrag:default:extractive"));
    }

    @Test
    void unknownAnswerModelIs404OnV1And400UnknownModelOnApiAsk() {
        given().contentType(ContentType.JSON).body(Map.of("model", "yunrag:default:gpt-4",
                        "messages", List.of(Map.of("role", "user", "content", QUESTION))))
                .when().post("/v1/chat/completions")
                .then().statusCode(404).body("error.code", equalTo("model_not_found"));
        given().contentType(ContentType.JSON).body(Map.of("question", QUESTION, "model", "gpt-4"))
                .when().post("/api/ask")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("unknown_model"));
    }

    @Test
    void apiAskUsesTheDefaultAnswerModel() {
        given().contentType(ContentType.JSON).body(Map.of("question", QUESTION))
                .when().post("/api/ask")
                .then().statusCode(200).body("mode", equalTo("generative")).body("model", equalTo("TianQing-72B"))
                .body("usage.totalTokens", equalTo(338));
    }
}
