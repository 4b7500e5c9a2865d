package dev.yunrag.answer;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.yunrag.text.ReasoningSplitter;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Rewrites a follow-up with the default chat model (the rules are {@link PromptBuilder#rewriteFollowUpMessages});
 * without a chat model, or when it fails or answers with something that is not a question, the rule of
 * {@link FollowUpQuestion} puts the previous question's key terms in front.
 */
public final class ChatQueryRewriter implements QueryRewriter {

    private static final Logger LOG = Logger.getLogger(ChatQueryRewriter.class);

    private final AnswerModels models;
    private final String defaultModel;
    private final PromptBuilder prompts;

    public ChatQueryRewriter(AnswerModels models, String defaultModel, PromptBuilder prompts) {
        this.models = models;
        this.defaultModel = defaultModel;
        this.prompts = prompts;
    }

    @Override
    public String rewrite(List<Turn> history, String question, Optional<String> answerModel, AnswerNotes notes) {
        // Rewriting is a small task: the default model does it even when a reasoning model answers (R1 would spend
        // its long reasoning on it).
        Optional<String> rewriter = answerModel.isEmpty() ? answerModel
                : models.resolve(defaultModel).or(() -> answerModel);
        Optional<ChatModel> chat = rewriter.flatMap(models::chat);
        if (chat.isPresent()) {
            try {
                ChatResponse response = chat.get().chat(ChatRequest.builder().modelName(rewriter.get())
                        .messages(prompts.rewriteFollowUpMessages(history, question)).build());
                String rewritten = ReasoningSplitter.split(response.aiMessage().text(), false).answer().strip();
                if (!rewritten.isEmpty() && rewritten.length() <= AnswerService.MAX_QUESTION_CHARS) {
                    return rewritten.lines().findFirst().orElse(rewritten);
                }
            } catch (RuntimeException e) {
                LOG.warnf("Follow-up rewrite failed: %s", e.getMessage());
                notes.warn("The follow-up could not be rewritten by " + rewriter.get() + " (" + e.getMessage()
                        + "); a simple rule combined it with the previous question.");
            }
        }
        return FollowUpQuestion.standalone(history, question);
    }
}
