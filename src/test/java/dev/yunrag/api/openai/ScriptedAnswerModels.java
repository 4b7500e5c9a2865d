package dev.yunrag.api.openai;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.yunrag.answer.AnswerModels;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Two scripted answer models in place of the 云网 chat endpoint (enabled only by {@link WithAnswerModelsProfile}):
 * {@code TianQing-72B} answers plainly, {@code DeepSeek-R1-32B} also reasons. Both cite source [1] and report token
 * usage, like the real models through YunwangChatModel.
 */
@Alternative
@Singleton
public class ScriptedAnswerModels implements AnswerModels {

    static final String CHAT = "TianQing-72B";
    static final String REASONING = "DeepSeek-R1-32B";
    static final List<String> ANSWER = List.of("根据员工手册，", "女员工生育可享受", "产假158天", "[1]。");
    static final List<String> THINKING = List.of("用户问产假天数。", "资料[1]写明158天。");
    static final TokenUsage USAGE = new TokenUsage(321, 17);

    private final ChatModel chat = new ChatModel() {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            return response(request);
        }
    };

    private final StreamingChatModel streaming = new StreamingChatModel() {
        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            if (reasons(request)) {
                THINKING.forEach(t -> handler.onPartialThinking(new PartialThinking(t)));
            }
            for (String piece : ANSWER) {
                pause();
                handler.onPartialResponse(piece);
            }
            handler.onCompleteResponse(response(request));
        }
    };

    /** Time between streamed answer pieces, as a real model takes, so tests can tell streaming from buffering. */
    static final long PIECE_MILLIS = 150;

    private static void pause() {
        try {
            Thread.sleep(PIECE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean reasons(ChatRequest request) {
        return REASONING.equals(request.parameters().modelName());
    }

    private static volatile ChatRequest last;

    /** The last request either model received, for tests that check what the model was given. */
    public static ChatRequest lastRequest() {
        return last;
    }

    private static ChatResponse response(ChatRequest request) {
        last = request;
        AiMessage message = AiMessage.builder().text(String.join("", ANSWER))
                .thinking(reasons(request) ? String.join("", THINKING) : null).build();
        return ChatResponse.builder().aiMessage(message).tokenUsage(USAGE).finishReason(FinishReason.STOP)
                .modelName(request.parameters().modelName()).build();
    }

    @Override
    public Optional<ChatModel> chat(String name) {
        return names().contains(name) ? Optional.of(chat) : Optional.empty();
    }

    @Override
    public Optional<StreamingChatModel> streaming(String name) {
        return names().contains(name) ? Optional.of(streaming) : Optional.empty();
    }

    @Override
    public List<String> names() {
        return List.of(CHAT, REASONING);
    }
}
