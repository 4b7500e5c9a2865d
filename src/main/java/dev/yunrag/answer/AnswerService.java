package dev.yunrag.answer;

import dev.yunrag.text.ReasoningSplitter;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import dev.yunrag.retrieve.SourceLanguageNote;
import dev.yunrag.yunwang.CallBudget;
import dev.yunrag.yunwang.YunwangChatResponseMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Owns the order of the question-answering stages: follow-up rewrite → hybrid retrieval → rerank → prompt → chat
 * model → citation check, with per-stage timings. Without a chat model (or when it fails) the answer is extractive:
 * the sentences of the top passages that best answer the question, each cited. It never fails a question because a
 * model endpoint is down; it says so in the warnings instead.
 */
public class AnswerService {

    private static final Logger LOG = Logger.getLogger(AnswerService.class);
    /** Longest question accepted; longer input is almost always a pasted document, not a question. */
    public static final int MAX_QUESTION_CHARS = 2000;

    private final HybridRetriever retriever;
    private final AnswerModels models;
    private final String defaultModel;
    private final String defaultCollection;
    private final PromptBuilder prompts;
    private final ExtractiveAnswerer extractive;
    private final CitationParser citations = new CitationParser();

    public AnswerService(HybridRetriever retriever, AnswerModels models, String defaultModel, String defaultCollection,
                         PromptBuilder prompts, ExtractiveAnswerer extractive) {
        this.retriever = retriever;
        this.models = models;
        this.defaultModel = defaultModel;
        this.defaultCollection = defaultCollection;
        this.prompts = prompts;
        this.extractive = extractive;
    }

    /** What a question turns into before generation: the chosen model, the retrieval, and the prompt. */
    public record Prepared(AskRequest request, String collection, String standaloneQuestion, Optional<String> model,
                           RetrievalResult retrieval, Prompt prompt, Map<String, Number> timings,
                           List<String> warnings) {
    }

    public Answer ask(AskRequest request) {
        long start = System.nanoTime();
        try (CallBudget.Scope question = CallBudget.question()) {
            Prepared prepared = prepare(request);
            Answer answer = prepared.model().isPresent() ? generate(prepared) : null;
            if (answer == null) {
                answer = extract(prepared);
            }
            answer.timings().put("total", ms(start));
            return answer;
        }
    }

    /** Validates the request, resolves the model, rewrites a follow-up and retrieves the passages. */
    public Prepared prepare(AskRequest request) {
        String question = validQuestion(request.question());
        List<String> warnings = new AnswerNotes();
        Map<String, Number> timings = new LinkedHashMap<>();
        Optional<String> model = chooseModel(request.model(), warnings);
        String collection = request.collection() == null || request.collection().isBlank()
                ? defaultCollection : request.collection();

        long t0 = System.nanoTime();
        String standalone = standalone(request.history(), question, model, warnings);
        if (!request.history().isEmpty()) {
            timings.put("rewrite", ms(t0));
        }
        RetrievalResult retrieval = retriever.retrieve(
                new RetrievalQuery(collection, standalone, request.topK(), request.filters()));
        timings.putAll(retrieval.timings());
        warnings.addAll(retrieval.warnings());
        // Retrieval said it in words; the answer's warningCodes name it too (same question, same passages).
        SourceLanguageNote.of(standalone, retrieval.selected())
                .ifPresent(note -> AnswerNotes.code(warnings, SourceLanguageNote.CODE));
        Prompt prompt = prompts.answer(question, retrieval.selected(), retrieval.tokens());
        return new Prepared(request, collection, standalone, model, retrieval, prompt, timings, warnings);
    }

    private static String validQuestion(String question) {
        if (question == null || question.isBlank()) {
            throw new InvalidQuestionException("The question is empty.");
        }
        if (question.length() > MAX_QUESTION_CHARS) {
            throw new InvalidQuestionException("The question has " + question.length() + " characters; at most "
                    + MAX_QUESTION_CHARS + " are accepted.");
        }
        return question.strip();
    }

    private Optional<String> chooseModel(String requested, List<String> warnings) {
        if (models.names().isEmpty()) {
            if (requested != null && !requested.isBlank() && !Answer.EXTRACTIVE.equalsIgnoreCase(requested)) {
                warnings.add("Model '" + requested + "' was requested but no chat endpoint is configured"
                        + " (yunrag.api.base-url); the answer is extractive.");
            }
            return Optional.empty();
        }
        if (requested == null || requested.isBlank()) {
            return models.resolve(defaultModel).or(() -> Optional.of(models.names().getFirst()));
        }
        if (Answer.EXTRACTIVE.equalsIgnoreCase(requested)) {
            return Optional.empty();
        }
        return Optional.of(models.resolve(requested)
                .orElseThrow(() -> new UnknownModelException(requested, models.names())));
    }

    private String standalone(List<Turn> history, String question, Optional<String> model, List<String> warnings) {
        if (history.isEmpty()) {
            return question;
        }
        // Rewriting is a small task: the default model does it even when a reasoning model answers (R1 would spend
        // its long reasoning on it).
        Optional<String> rewriter = model.isEmpty() ? model : models.resolve(defaultModel).or(() -> model);
        Optional<ChatModel> chat = rewriter.flatMap(models::chat);
        if (chat.isPresent()) {
            try {
                ChatResponse response = chat.get().chat(ChatRequest.builder().modelName(rewriter.get())
                        .messages(prompts.rewriteFollowUpMessages(history, question)).build());
                String rewritten = ReasoningSplitter.split(response.aiMessage().text(), false).answer().strip();
                if (!rewritten.isEmpty() && rewritten.length() <= MAX_QUESTION_CHARS) {
                    return rewritten.lines().findFirst().orElse(rewritten);
                }
            } catch (RuntimeException e) {
                LOG.warnf("Follow-up rewrite failed: %s", e.getMessage());
                warnings.add("The follow-up could not be rewritten by " + rewriter.get() + " (" + e.getMessage()
                        + "); a simple rule combined it with the previous question.");
            }
        }
        return FollowUpQuestion.standalone(history, question);
    }

    /** Asks the chat model; null when it fails (the caller falls back to an extractive answer). */
    private Answer generate(Prepared prepared) {
        String model = prepared.model().orElseThrow();
        ChatModel chat = models.chat(model).orElse(null);
        if (chat == null) {
            return null;
        }
        long t0 = System.nanoTime();
        try {
            ChatResponse response = chat.chat(ChatRequest.builder().modelName(model)
                    .messages(prepared.prompt().messages()).build());
            prepared.timings().put("generate", ms(t0));
            return fromReply(prepared, model, response.aiMessage().text(), response.aiMessage().thinking(),
                    response.tokenUsage(), YunwangChatResponseMetadata.of(response));
        } catch (RuntimeException e) {
            LOG.warnf("Chat model %s failed: %s", model, e.getMessage());
            prepared.timings().put("generate", ms(t0));
            AnswerChecks.chatFailed(prepared.warnings(), model, e);
            return null;
        }
    }

    /** Turns a model's reply into a cited answer; shared by the blocking and the streaming path. */
    public Answer fromReply(Prepared prepared, String model, String text, String thinking, TokenUsage usage,
                            Optional<YunwangChatResponseMetadata> apiTimings) {
        // The chat model already separates reasoning; this catches a stray inline <think> from a model not marked as reasoning.
        ReasoningSplitter.Split split = ReasoningSplitter.split(text == null ? "" : text, false);
        String reasoning = joinReasoning(thinking, split.reasoning());
        CitedAnswer cited = citations.parse(split.answer().strip(), prepared.prompt().sources());
        if (cited.invalidCitationsRemoved() > 0) {
            prepared.warnings().add(cited.invalidCitationsRemoved()
                    + " citation(s) to sources that do not exist were removed from the answer.");
        }
        if (AnswerChecks.check(prepared.warnings(), model, cited.text(), reasoning, cited,
                prepared.prompt().sources().size(), apiTimings) == AnswerChecks.Verdict.USE_EXTRACTIVE) {
            return extract(prepared);
        }
        // Kept for the web UI until it reads apiTimings: the raw numbers, in the server's unit (not milliseconds).
        apiTimings.ifPresent(meta -> {
            if (meta.prefillTime() != null) {
                prepared.timings().put("apiPrefill", meta.prefillTime());
            }
            if (meta.decodeTimes() != null && !meta.decodeTimes().isEmpty()) {
                prepared.timings().put("apiDecode", meta.totalDecodeTime());
            }
        });
        return new Answer(cited.text(), Answer.GENERATIVE, model, reasoning, cited.citations(), cited.highlights(),
                prepared.prompt().sources(), prepared.standaloneQuestion(), prepared.timings(), usage(usage),
                cited.invalidCitationsRemoved(), prepared.warnings(), cited.answered(),
                Answer.related(cited.answered(), prepared.prompt().sources()),
                AnswerNotes.codesOf(prepared.warnings()), AnswerNotes.truncatedOf(prepared.warnings()),
                AnswerNotes.apiTimingsOf(prepared.warnings()));
    }

    /** The extractive answer from the prepared passages. */
    public Answer extract(Prepared prepared) {
        long t0 = System.nanoTime();
        CitedAnswer cited = extractive.answer(prepared.request().question().strip(), prepared.retrieval().selected());
        prepared.timings().put("extract", ms(t0));
        return new Answer(cited.text(), Answer.EXTRACTIVE, Answer.EXTRACTIVE, null, cited.citations(),
                cited.highlights(), prepared.retrieval().selected(), prepared.standaloneQuestion(),
                prepared.timings(), Map.of(), 0, prepared.warnings(), cited.answered(),
                Answer.related(cited.answered(), prepared.retrieval().selected()),
                AnswerNotes.codesOf(prepared.warnings()), AnswerNotes.truncatedOf(prepared.warnings()),
                AnswerNotes.apiTimingsOf(prepared.warnings()));
    }

    public AnswerModels models() {
        return models;
    }

    private static String joinReasoning(String thinking, String inline) {
        String a = thinking == null ? "" : thinking.strip();
        String b = inline == null ? "" : inline.strip();
        String joined = a.isEmpty() ? b : b.isEmpty() ? a : a + "\n" + b;
        return joined.isEmpty() ? null : joined;
    }

    private static Map<String, Integer> usage(TokenUsage usage) {
        Map<String, Integer> map = new LinkedHashMap<>();
        if (usage != null) {
            if (usage.inputTokenCount() != null) {
                map.put("promptTokens", usage.inputTokenCount());
            }
            if (usage.outputTokenCount() != null) {
                map.put("completionTokens", usage.outputTokenCount());
            }
            if (usage.totalTokenCount() != null) {
                map.put("totalTokens", usage.totalTokenCount());
            }
        }
        return map;
    }

    static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
