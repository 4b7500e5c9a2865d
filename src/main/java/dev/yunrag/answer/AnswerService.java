package dev.yunrag.answer;

import dev.yunrag.model.ApiTimings;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.yunrag.retrieve.BranchFailure;
import dev.yunrag.retrieve.PassageRetriever;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import dev.yunrag.retrieve.SourceLanguageNote;
import dev.yunrag.text.ReasoningSplitter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Owns the order of the question-answering stages and their timings: rewrite a follow-up ({@link QueryRewriter},
 * timing {@code rewrite}) → retrieve ({@link PassageRetriever}: search, fusion, rerank and the passages selected
 * within topK and the one token budget; its timings) → prompt ({@link PromptBuilder}) → chat model
 * ({@link AnswerModels}, timing {@code generate}) → citation check; or, without a chat model or when it fails, the
 * extractive answer ({@link PassageAnswerer}, timing {@code extract}); {@code total} over all. It never fails a
 * question because a model endpoint is down; it says so in the warnings instead.
 */
public class AnswerService {

    private static final Logger LOG = Logger.getLogger(AnswerService.class);
    /** Longest question accepted; longer input is almost always a pasted document, not a question. */
    public static final int MAX_QUESTION_CHARS = 2000;

    private ImageQuestion images = ImageQuestion.unavailable("no image reader is configured");

    /**
     * The stages, each replaceable (tests hand in stand-ins).
     *
     * @param rewriter   follow-up → standalone question
     * @param retriever  the passages for the answer
     * @param prompts    the chat messages from the selected passages
     * @param models     the chat models by catalogue name ({@link AnswerModels#NONE}: extractive answers only)
     * @param extractive the answer without a chat model
     * @param questions  where a question begins, for the answer model's deadline ({@link QuestionScope#NONE}: none)
     */
    public record Stages(QueryRewriter rewriter, PassageRetriever retriever, PromptBuilder prompts, AnswerModels models,
                         PassageAnswerer extractive, QuestionScope questions) {

        public Stages {
            Objects.requireNonNull(rewriter, "rewriter");
            Objects.requireNonNull(retriever, "retriever");
            Objects.requireNonNull(prompts, "prompts");
            Objects.requireNonNull(models, "models");
            Objects.requireNonNull(extractive, "extractive");
            Objects.requireNonNull(questions, "questions");
        }

        /** The default stages around these: the chat rewriter with the default model, a prompt of the selection. */
        public static Stages defaults(PassageRetriever retriever, AnswerModels models, String defaultModel,
                                      PassageAnswerer extractive, QuestionScope questions) {
            PromptBuilder prompts = new PromptBuilder();
            return new Stages(new ChatQueryRewriter(models, defaultModel, prompts), retriever, prompts, models,
                    extractive, questions);
        }
    }

    private final Stages stages;
    private final String defaultModel;
    private final String defaultCollection;
    private final CitationParser citations = new CitationParser();

    /**
     * The default stages, without a question scope: the answer model's deadline counts from its own call. The
     * prompt is built from retrieval's selection; {@code prompts} only renders it (its own budget, if any, is not
     * applied again).
     */
    public AnswerService(PassageRetriever retriever, AnswerModels models, String defaultModel, String defaultCollection,
                         PromptBuilder prompts, PassageAnswerer extractive) {
        this(new Stages(new ChatQueryRewriter(models, defaultModel, prompts), retriever, prompts, models, extractive,
                QuestionScope.NONE), defaultModel, defaultCollection);
    }

    /**
     * @param defaultModel      answer model of a request that names none ({@code yunrag.answer.default-model})
     * @param defaultCollection collection of a request that names none ({@code yunrag.default-collection})
     */
    public AnswerService(Stages stages, String defaultModel, String defaultCollection) {
        this.stages = Objects.requireNonNull(stages, "stages");
        this.defaultModel = defaultModel;
        this.defaultCollection = defaultCollection;
    }

    /** What a question turns into before generation: the chosen model, the retrieval, and the prompt. */
    public record Prepared(AskRequest request, String collection, String standaloneQuestion, Optional<String> model,
                           RetrievalResult retrieval, Prompt prompt, Map<String, Number> timings,
                           AnswerNotes notes) {
    }

    public Answer ask(AskRequest request) {
        long start = System.nanoTime();
        try (QuestionScope.Open question = stages.questions().open()) {
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
    public Prepared prepare(AskRequest asked) {
        validQuestion(asked.question());
        AnswerNotes notes = new AnswerNotes();
        Map<String, Number> timings = new LinkedHashMap<>();
        Optional<String> model = chooseModel(asked.model(), notes);
        long read = System.nanoTime();
        AskRequest request = images.join(asked, model.isPresent(), notes);
        if (!asked.images().isEmpty()) {
            timings.put("images", ms(read));
        }
        String question = request.question().strip();
        String collection = request.collection() == null || request.collection().isBlank()
                ? defaultCollection : request.collection();

        String standalone = question;
        if (!request.history().isEmpty()) {
            long t0 = System.nanoTime();
            standalone = stages.rewriter().rewrite(request.history(), question, model, notes);
            timings.put("rewrite", ms(t0));
        }
        RetrievalResult retrieval = stages.retriever().retrieve(
                new RetrievalQuery(collection, standalone, request.topK(), request.filters()));
        timings.putAll(retrieval.timings());
        notes.warnAll(retrieval.warnings());
        // Retrieval said it in words; the answer's warningCodes name it too (same question, same passages).
        SourceLanguageNote.of(standalone, retrieval.selected()).ifPresent(note -> notes.code(SourceLanguageNote.CODE));
        if (BranchFailure.in(retrieval.warnings())) {
            notes.code(BranchFailure.CODE);
        }
        Prompt prompt = stages.prompts().answer(question, retrieval.selected(), retrieval.budget());
        return new Prepared(request, collection, standalone, model, retrieval, prompt, timings, notes);
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

    private Optional<String> chooseModel(String requested, AnswerNotes notes) {
        AnswerModels models = stages.models();
        if (models.names().isEmpty()) {
            if (requested != null && !requested.isBlank() && !Answer.EXTRACTIVE.equalsIgnoreCase(requested)) {
                notes.warn("Model '" + requested + "' was requested but no chat endpoint is configured"
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

    /** Asks the chat model; null when it fails (the caller falls back to an extractive answer). */
    private Answer generate(Prepared prepared) {
        String model = prepared.model().orElseThrow();
        ChatModel chat = stages.models().chat(model).orElse(null);
        if (chat == null) {
            return null;
        }
        long t0 = System.nanoTime();
        try {
            ChatResponse response = chat.chat(ChatRequest.builder().modelName(model)
                    .messages(prepared.prompt().messages()).build());
            prepared.timings().put("generate", ms(t0));
            return fromReply(prepared, model, response.aiMessage().text(), response.aiMessage().thinking(),
                    response.tokenUsage(), response.finishReason(), ReplyTimings.of(response).orElse(null));
        } catch (RuntimeException e) {
            LOG.warnf("Chat model %s failed: %s", model, e.getMessage());
            prepared.timings().put("generate", ms(t0));
            AnswerChecks.chatFailed(prepared.notes(), model, e);
            return null;
        }
    }

    /**
     * Turns a model's reply into a cited answer; shared by the blocking and the streaming path.
     *
     * @param finish     the reply's finish reason (null when unknown, e.g. a cut stream)
     * @param apiTimings the answer model service's own timings of the reply (null when it sent none)
     */
    public Answer fromReply(Prepared prepared, String model, String text, String thinking, TokenUsage usage,
                            FinishReason finish, ApiTimings apiTimings) {
        // The chat model already separates reasoning; this catches a stray inline <think> from a model not marked as reasoning.
        ReasoningSplitter.Split split = ReasoningSplitter.split(text == null ? "" : text, false);
        String reasoning = joinReasoning(thinking, split.reasoning());
        CitedAnswer cited = citations.parse(split.answer().strip(), prepared.prompt().sources());
        AnswerNotes notes = prepared.notes();
        if (cited.invalidCitationsRemoved() > 0) {
            notes.warn(cited.invalidCitationsRemoved()
                    + " citation(s) to sources that do not exist were removed from the answer.");
        }
        if (AnswerChecks.check(notes, model, cited.text(), reasoning, cited, prepared.prompt().sources().size(),
                finish, apiTimings) == AnswerChecks.Verdict.USE_EXTRACTIVE) {
            return extract(prepared);
        }
        // Kept for the web UI until it reads apiTimings: the raw numbers, in the server's unit (not milliseconds).
        if (apiTimings != null) {
            if (apiTimings.prefillTime() != null) {
                prepared.timings().put("apiPrefill", apiTimings.prefillTime());
            }
            if (apiTimings.totalDecodeTime() != null) {
                prepared.timings().put("apiDecode", apiTimings.totalDecodeTime());
            }
        }
        return new Answer(cited.text(), Answer.GENERATIVE, model, reasoning, cited.citations(), cited.highlights(),
                prepared.prompt().sources(), prepared.standaloneQuestion(), prepared.timings(), usage(usage),
                cited.invalidCitationsRemoved(), notes.warnings(), cited.answered(),
                Answer.related(cited.answered(), prepared.prompt().sources()),
                notes.codes(), notes.truncated(), notes.apiTimings());
    }

    /** The extractive answer from the selected passages (all of them: the request's topK decided how many). */
    public Answer extract(Prepared prepared) {
        long t0 = System.nanoTime();
        CitedAnswer cited = stages.extractive().answer(prepared.request().question().strip(),
                prepared.retrieval().selected());
        prepared.timings().put("extract", ms(t0));
        AnswerNotes notes = prepared.notes();
        return new Answer(cited.text(), Answer.EXTRACTIVE, Answer.EXTRACTIVE, null, cited.citations(),
                cited.highlights(), prepared.retrieval().selected(), prepared.standaloneQuestion(),
                prepared.timings(), Map.of(), 0, notes.warnings(), cited.answered(),
                Answer.related(cited.answered(), prepared.retrieval().selected()),
                notes.codes(), notes.truncated(), notes.apiTimings());
    }

    /** Reads the images sent with questions through {@code reader} (by default such questions are refused). */
    public AnswerService withImages(ImageQuestion reader) {
        this.images = reader;
        return this;
    }

    public AnswerModels models() {
        return stages.models();
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
