package dev.yunrag.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.answer.AnswerModels;
import dev.yunrag.answer.Turn;
import dev.yunrag.index.CollectionStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading OpenAI messages as question + history, and model ids as collection + answer model. */
class ConversationAndModelRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChatCompletionRequest request(String json) throws Exception {
        return JSON.readValue(json, ChatCompletionRequest.class);
    }

    @Test
    void lastUserMessageIsTheQuestionEarlierTurnsTheHistory() throws Exception {
        ChatCompletionRequest body = request("""
                {"model": "yunrag", "temperature": 0.2, "messages": [
                  {"role": "system", "content": "be brief"},
                  {"role": "user", "content": "Q1"},
                  {"role": "assistant", "content": [{"type": "text", "text": "A"}, {"type": "text", "text": "1"}]},
                  {"role": "tool", "content": "ignored"},
                  {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}},
                                               {"type": "text", "text": "Q2"}]}]}""");

        Conversation conversation = Conversation.of(body.messages());

        assertThat(conversation.question()).isEqualTo("Q2");
        assertThat(conversation.history()).containsExactly(Turn.user("Q1"), Turn.assistant("A1"));
        assertThat(body.isStream()).isFalse();
    }

    @Test
    void historyKeepsTheLastTwentyTurns() {
        List<ChatCompletionRequest.Message> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            messages.add(new ChatCompletionRequest.Message("user", JSON.getNodeFactory().textNode("q" + i)));
        }

        Conversation conversation = Conversation.of(messages);

        assertThat(conversation.question()).isEqualTo("q29");
        assertThat(conversation.history()).hasSize(20).first().isEqualTo(Turn.user("q9"));
    }

    @Test
    void aConversationMustEndWithTheUser() {
        assertThatThrownBy(() -> Conversation.of(List.of())).isInstanceOf(OpenAiException.class)
                .satisfies(e -> assertThat(((OpenAiException) e).status()).isEqualTo(400));
        assertThatThrownBy(() -> Conversation.of(List.of(
                new ChatCompletionRequest.Message("assistant", JSON.getNodeFactory().textNode("hi")))))
                .hasMessageContaining("last message");
    }

    @Test
    void modelIdsListedPerCollectionAndAnswerModel() {
        assertThat(ModelRoute.ids(List.of("a", "b"), List.of())).containsExactly("yunrag", "yunrag:a", "yunrag:b");
        assertThat(ModelRoute.ids(List.of("a"), List.of("TianQing-72B"))).containsExactly("yunrag", "yunrag:a",
                "yunrag:a:TianQing-72B", "yunrag:a:extractive");
    }

    @Test
    void modelIdsNamingNothingThatExistsAreModelNotFound(@TempDir Path dataDir) {
        CollectionStore none = new CollectionStore(dataDir);
        for (String id : List.of("gpt-4o", "yunrag", "yunrag:docs", "yunrag:docs:x:y", "yunrag:a b")) {
            assertThatThrownBy(() -> ModelRoute.resolve(id, "default", none, AnswerModels.NONE)).as(id)
                    .isInstanceOf(OpenAiException.class)
                    .satisfies(e -> assertThat(((OpenAiException) e).code()).isEqualTo("model_not_found"))
                    .satisfies(e -> assertThat(((OpenAiException) e).status()).isEqualTo(404));
        }
    }
}
