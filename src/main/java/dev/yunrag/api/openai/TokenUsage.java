package dev.yunrag.api.openai;

import dev.yunrag.answer.Answer;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.model.ScoredChunk;
import java.util.Map;

/**
 * OpenAI's {@code usage} for an answer. The chat model's own counts when it reported them; otherwise (extractive
 * answers, a model that sends none) counted with the collection's tokenizer so that OpenAI clients always find usage:
 * prompt = the question plus the passages handed to the answer step, completion = the answer text (and a reasoning
 * model's thinking). These counts are bge WordPiece tokens, not the answer model's own: an estimate, not a bill.
 */
final class TokenUsage {

    private TokenUsage() {
    }

    static ChatCompletion.Usage of(Answer answer, String question, TokenCounter tokens) {
        ChatCompletion.Usage reported = reported(answer.usage());
        if (reported != null || tokens == null) {
            return reported;
        }
        int prompt = count(tokens, question);
        for (ScoredChunk source : answer.sources() == null ? java.util.List.<ScoredChunk>of() : answer.sources()) {
            prompt += count(tokens, source.text());
        }
        int completion = count(tokens, answer.answer()) + count(tokens, answer.reasoning());
        return new ChatCompletion.Usage(prompt, completion, prompt + completion);
    }

    /** The counts the answer model reported, or null when it reported none. */
    static ChatCompletion.Usage reported(Map<String, Integer> usage) {
        if (usage == null || usage.isEmpty()) {
            return null;
        }
        int prompt = usage.getOrDefault("promptTokens", 0);
        int completion = usage.getOrDefault("completionTokens", 0);
        return new ChatCompletion.Usage(prompt, completion, usage.getOrDefault("totalTokens", prompt + completion));
    }

    private static int count(TokenCounter tokens, String text) {
        return text == null || text.isEmpty() ? 0 : tokens.count(text);
    }
}
