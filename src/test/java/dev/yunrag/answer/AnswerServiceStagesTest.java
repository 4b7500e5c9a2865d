package dev.yunrag.answer;

import dev.yunrag.model.ApiTimings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.retrieve.PassageRetriever;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import dev.yunrag.retrieve.TokenBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The answer orchestrator with tiny stand-in stages: no Quarkus, no index, no model. Each stage records that it ran.
 */
class AnswerServiceStagesTest {

    private static final String MODEL = "Stand-in-7B";
    /** One token per character. */
    private static final TokenCounter CHARACTERS = String::length;

    private final List<String> ran = new ArrayList<>();
    private final List<RetrievalQuery> queries = new ArrayList<>();
    private final List<List<ScoredChunk>> extractedFrom = new ArrayList<>();
    private final List<ChatRequest> chatRequests = new ArrayList<>();

    private final ScoredChunk first = Passages.of("云网平台于2019年发布。", "First");
    private final ScoredChunk second = Passages.of("云网平台有三百家企业客户。", "Second");
    private final ScoredChunk third = Passages.of("云网平台支持私有部署。", "Third");
    private final List<ScoredChunk> ranked = List.of(first, second, third);

    /** Selects the first topK passages (default 2) with a budget of {@code budget} characters. */
    private PassageRetriever retriever(int budget) {
        return query -> {
            ran.add("retrieve");
            queries.add(query);
            int topK = query.topK() == null ? 2 : query.topK();
            Map<String, Double> timings = new LinkedHashMap<>();
            timings.put("search", 1.0);
            timings.put("fusion", 0.1);
            timings.put("rerank", 0.2);
            return new RetrievalResult(ranked, List.of(), ranked, ranked, ranked.subList(0, topK), "none", timings,
                    List.of(), new TokenBudget(budget, CHARACTERS));
        };
    }

    private final QueryRewriter rewriter = (history, question, model, notes) -> {
        ran.add("rewrite");
        return "standalone " + question;
    };

    private final PassageAnswerer extractive = (question, passages) -> {
        ran.add("extract");
        extractedFrom.add(passages);
        return new CitedAnswer("云网平台于2019年发布。[1]", List.of(), 0, List.of(), true);
    };

    private final QuestionScope scope = () -> {
        ran.add("question opened");
        return () -> ran.add("question closed");
    };

    private AnswerModels models(Function<ChatRequest, ChatResponse> reply) {
        ChatModel chat = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                ran.add("chat");
                chatRequests.add(request);
                return reply.apply(request);
            }
        };
        return new AnswerModels() {
            @Override
            public Optional<ChatModel> chat(String name) {
                return Optional.of(chat);
            }

            @Override
            public Optional<StreamingChatModel> streaming(String name) {
                return Optional.empty();
            }

            @Override
            public List<String> names() {
                return List.of(MODEL);
            }
        };
    }

    private AnswerService service(AnswerModels models, int budget) {
        return new AnswerService(new AnswerService.Stages(rewriter, retriever(budget), new PromptBuilder(), models,
                extractive, scope), MODEL, "default-collection");
    }

    private static ChatResponse reply(String text, ChatResponseMetadata metadata) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).metadata(metadata).build();
    }

    private static ChatResponseMetadata finished(FinishReason finish) {
        return ChatResponseMetadata.builder().modelName(MODEL).finishReason(finish).build();
    }

    private static AskRequest ask(List<Turn> history, String model, Integer topK) {
        return new AskRequest("它是哪一年发布的？", null, history, model, topK, null);
    }

    @Test
    void stagesRunInOrderInsideOneQuestionScopeWithTheirTimings() {
        // given
        AnswerService service = service(models(request -> reply("2019年。[1]", finished(FinishReason.STOP))), 1000);
        // when
        Answer answer = service.ask(ask(List.of(Turn.user("云网平台是什么？"), Turn.assistant("一个平台。[1]")), null,
                null));
        // then
        assertThat(ran).containsExactly("question opened", "rewrite", "retrieve", "chat", "question closed");
        assertThat(answer.timings()).containsKeys("rewrite", "search", "fusion", "rerank", "generate", "total");
        assertThat(answer.timings()).doesNotContainKey("extract");
        assertThat(answer.mode()).isEqualTo(Answer.GENERATIVE);
        assertThat(answer.standaloneQuestion()).isEqualTo("standalone 它是哪一年发布的？");
        assertThat(queries.getFirst().text()).isEqualTo("standalone 它是哪一年发布的？");
        assertThat(queries.getFirst().collection()).isEqualTo("default-collection");
        assertThat(chatRequests.getFirst().modelName()).isEqualTo(MODEL);
    }

    @Test
    void withoutHistoryNothingIsRewrittenAndNoRewriteTimingIsReported() {
        // given
        AnswerService service = service(AnswerModels.NONE, 1000);
        // when
        Answer answer = service.ask(ask(List.of(), null, null));
        // then
        assertThat(ran).containsExactly("question opened", "retrieve", "extract", "question closed");
        assertThat(answer.timings()).containsKeys("search", "extract", "total").doesNotContainKey("rewrite");
        assertThat(answer.mode()).isEqualTo(Answer.EXTRACTIVE);
    }

    @Test
    void topKOfTheRequestReachesRetrievalAndEveryAnswerMode() {
        // given
        AnswerService generative = service(models(request -> reply("2019年。[1]", finished(FinishReason.STOP))), 1000);
        AnswerService extractiveOnly = service(AnswerModels.NONE, 1000);
        // when
        Answer generated = generative.ask(ask(List.of(), null, 3));
        Answer extracted = extractiveOnly.ask(ask(List.of(), null, 3));
        Answer defaulted = extractiveOnly.ask(ask(List.of(), null, null));
        // then
        assertThat(queries).extracting(RetrievalQuery::topK).containsExactly(3, 3, null);
        assertThat(generated.sources()).containsExactly(first, second, third);
        assertThat(extracted.sources()).containsExactly(first, second, third);
        assertThat(extractedFrom.get(0)).containsExactly(first, second, third);
        assertThat(extractedFrom.get(1)).containsExactly(first, second);
        assertThat(defaulted.sources()).hasSize(2);
    }

    @Test
    void thePromptNumbersExactlyThePassagesRetrievalSelected() {
        // given a budget all three passages exceed together: the selection already applied it, the prompt must not
        AnswerService service = service(models(request -> reply("2019年。[1]", finished(FinishReason.STOP))), 12);
        // when
        AnswerService.Prepared prepared = service.prepare(ask(List.of(), null, 3));
        // then
        assertThat(prepared.prompt().sources()).containsExactly(first, second, third);
        String user = ((UserMessage) prepared.prompt().messages().get(1)).singleText();
        assertThat(user).contains("<source id=\"3\"");
        // and only a passage longer than the whole budget is cut (12 characters of 14)
        assertThat(user).contains("云网平台有三百家企业客户…");
    }

    @Test
    void aFailingChatModelGivesTheExtractiveAnswerWithItsWarningCode() {
        // given a chat model failing with a failure that names its code
        class RateLimited extends RuntimeException implements FailureCode {
            RateLimited() {
                super("429 too many requests");
            }

            @Override
            public String warningCode() {
                return AnswerNotes.RATE_LIMITED;
            }
        }
        AnswerService service = service(models(request -> {
            throw new RateLimited();
        }), 1000);
        // when
        Answer answer = service.ask(ask(List.of(), null, null));
        // then
        assertThat(ran).containsExactly("question opened", "retrieve", "chat", "extract", "question closed");
        assertThat(answer.mode()).isEqualTo(Answer.EXTRACTIVE);
        assertThat(answer.warningCodes()).containsExactly(AnswerNotes.CHAT_FALLBACK, AnswerNotes.RATE_LIMITED);
        assertThat(answer.warnings()).singleElement().asString().contains(MODEL, "429 too many requests");
        assertThat(answer.timings()).containsKeys("generate", "extract", "total");
    }

    /** Metadata of a vendor that reports its own timings, as the 云网 adapter's does. */
    static final class TimedMetadata extends ChatResponseMetadata implements ReplyTimings {
        TimedMetadata() {
            super(ChatResponseMetadata.builder().modelName(MODEL).finishReason(FinishReason.LENGTH));
        }

        @Override
        public ApiTimings apiTimings() {
            return new ApiTimings(0.1, List.of(0.02, 0.03), "s", 120.0, 40.0, 150.0);
        }
    }

    @Test
    void theVendorsTimingsAndFinishReasonReachTheAnswerThroughTheInterfaceAnswerOwns() {
        // given
        AnswerService service = service(models(request -> reply("2019年。[1]", new TimedMetadata())), 1000);
        // when
        Answer answer = service.ask(ask(List.of(), null, null));
        // then
        assertThat(answer.apiTimings().generationMs()).isEqualTo(150.0);
        assertThat(answer.timings().get("apiPrefill")).isEqualTo(0.1);
        assertThat(answer.timings().get("apiDecode").doubleValue()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(answer.truncated()).isTrue();
        assertThat(answer.warningCodes()).containsExactly(AnswerNotes.TRUNCATED);
    }

    @Test
    void notesCollectWarningsCodesOnceAndAreNotAList() {
        AnswerNotes notes = new AnswerNotes();
        notes.warn("retrieval degraded");
        notes.warn(AnswerNotes.UNCITED, "uncited");
        notes.code(AnswerNotes.UNCITED);
        assertThat(notes.warnings()).containsExactly("retrieval degraded", "uncited");
        assertThat(notes.codes()).containsExactly(AnswerNotes.UNCITED);
        assertThat((Object) notes).isNotInstanceOf(java.util.Collection.class);
    }
}
