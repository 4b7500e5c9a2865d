package dev.yunrag.embed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One token counter per embedding model, so that a collection's chunks and prompt budget are counted in the tokens
 * its own model reads. The bge models come in two vocabularies: the zh family (bge-small-zh-v1.5, the remote
 * bge-large-zh-v1.5) shares bert-base-chinese's, the en family (bge-small-en-v1.5, bge-*-en-*) bert-base-uncased's.
 * The zh vocabulary splits English into far more pieces (a scifact abstract: a median of 476 zh pieces against 293 en
 * tokens), so English chunks budgeted with it come out much shorter than the model could read. Models of neither
 * family (the hashing and synthetic stand-ins, an unknown remote model) are counted with the zh vocabulary, the one
 * budgets were tuned with. Tokenizers are loaded once and shared (encoding is thread-safe).
 */
public final class TokenCounters implements AutoCloseable {

    /** Which vocabulary a counter uses; recorded in eval runs. */
    public static final String ZH = "bge-zh";
    public static final String EN = "bge-en";

    /** An English bge model id: bge-small-en-v15, bge-large-en-v1.5, BAAI/bge-base-en ... */
    private static final Pattern ENGLISH_BGE = Pattern.compile("(?i)(^|/)bge-[a-z]+-en([-_.]|$)");

    private final Map<String, BertTokenCounter> byVocabulary = new ConcurrentHashMap<>();

    /** The vocabulary whose tokens {@code embeddingModelId} reads: {@link #EN} or {@link #ZH}. */
    public static String vocabularyOf(String embeddingModelId) {
        return embeddingModelId != null && ENGLISH_BGE.matcher(embeddingModelId).find() ? EN : ZH;
    }

    /** The counter for collections embedded with {@code embeddingModelId}. */
    public TokenCounter forModel(String embeddingModelId) {
        return forVocabulary(vocabularyOf(embeddingModelId));
    }

    /** The counter of one vocabulary, {@link #EN} or {@link #ZH}. */
    public TokenCounter forVocabulary(String vocabulary) {
        return byVocabulary.computeIfAbsent(vocabulary, v -> new BertTokenCounter(
                EN.equals(v) ? BertTokenCounter.EN_TOKENIZER_RESOURCE : BertTokenCounter.TOKENIZER_RESOURCE));
    }

    @Override
    public void close() {
        byVocabulary.values().forEach(BertTokenCounter::close);
        byVocabulary.clear();
    }
}
