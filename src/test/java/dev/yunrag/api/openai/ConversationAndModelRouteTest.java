package dev.yunrag.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.answer.AnswerModels;
import dev.yunrag.answer.Turn;
import dev.yunrag.index.lucene.LuceneCollections;
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
                  {"role": "user", "content": [{"type": "text", "text": "Q"}, {"type": "text", "text": "2"}]}]}""");

        Conversation conversation = Conversation.of(body.messages());

        assertThat(conversation.question()).isEqualTo("Q2");
        assertThat(conversation.history()).containsExactly(Turn.user("Q1"), Turn.assistant("A1"));
        assertThat(body.isStream()).isFalse();
    }

    @Test
    void anImagePartIsKeptWithTheQuestionNotDropped() throws Exception {
        ChatCompletionRequest body = request("""
                {"model": "yunrag", "messages": [{"role": "user", "content": [
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
                  {"type": "text", "text": "Q2"}]}]}""");

        Conversation conversation = Conversation.of(body.messages());

        assertThat(conversation.question()).isEqualTo("Q2");
        assertThat(conversation.images()).containsExactly("data:image/png;base64,AAAA");
    }

    @Test
    void aRemoteImageOrAnUnknownPartIsRefusedWithAReasonNotDropped() throws Exception {
        ChatCompletionRequest remote = request("""
                {"model": "yunrag", "messages": [{"role": "user", "content": [
                  {"type": "image_url", "image_url": {"url": "https://example.com/x.png"}},
                  {"type": "text", "text": "Q2"}]}]}""");
        ChatCompletionRequest audio = request("""
                {"model": "yunrag", "messages": [{"role": "user", "content": [
                  {"type": "input_audio", "input_audio": {}}, {"type": "text", "text": "Q2"}]}]}""");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Conversation.of(remote.messages()))
                .isInstanceOf(OpenAiException.class).hasMessageContaining("remote URL");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Conversation.of(audio.messages()))
                .isInstanceOf(OpenAiException.class).hasMessageContaining("input_audio");
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
        LuceneCollections none = new LuceneCollections(dataDir);
        for (String id : List.of("gpt-4o", "yunrag", "yunrag:docs", "yunrag:docs:x:y", "yunrag:a b")) {
            assertThatThrownBy(() -> ModelRoute.resolve(id, "default", none, AnswerModels.NONE)).as(id)
                    .isInstanceOf(OpenAiException.class)
                    .satisfies(e -> assertThat(((OpenAiException) e).code()).isEqualTo("model_not_found"))
                    .satisfies(e -> assertThat(((OpenAiException) e).status()).isEqualTo(404));
        }
    }

    @Test
    void aLimitedCallerIsRefusedBeforeExistenceAndShownOnlyItsCollections(@TempDir Path dataDir) {
        // given two collections on disk and a caller granted only "hr" (and "planned", which does not exist)
        LuceneCollections store = new LuceneCollections(dataDir);
        for (String name : List.of("hr", "finance")) {
            store.openOrCreate(name, new dev.yunrag.index.IndexSettings("hashing", 8, "cjk", "float32"));
        }
        List<String> granted = List.of("hr", "planned");
        ModelRoute.Grants grants = new ModelRoute.Grants() {
            @Override
            public void check(String collection) {
                if (!granted.contains(collection)) {
                    throw dev.yunrag.security.AccessDeniedException.forbidden("not yours: " + collection);
                }
            }

            @Override
            public List<String> visible(List<String> names) {
                return names.stream().filter(granted::contains).toList();
            }
        };

        // then: outside the grants is refused whether it exists or not; a granted but missing one lists only "hr"
        for (String id : List.of("yunrag:finance", "yunrag:nowhere")) {
            assertThatThrownBy(() -> ModelRoute.resolve(id, "hr", store, AnswerModels.NONE, grants)).as(id)
                    .isInstanceOf(dev.yunrag.security.AccessDeniedException.class);
        }
        assertThatThrownBy(() -> ModelRoute.resolve("yunrag:planned", "hr", store, AnswerModels.NONE, grants))
                .isInstanceOf(OpenAiException.class)
                .hasMessageEndingWith("there is no collection 'planned'. Collections: hr.");
        assertThatThrownBy(() -> ModelRoute.resolve("yunrag:planned", "hr", store, AnswerModels.NONE))
                .hasMessageEndingWith("Collections: finance, hr.");
        assertThat(ModelRoute.resolve("yunrag:hr", "hr", store, AnswerModels.NONE, grants).collection()).isEqualTo("hr");
    }
}
