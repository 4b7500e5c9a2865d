package dev.yunrag.embed;

/** Counts tokens the way a model sees them, so that chunks fit the model's input limit. */
@FunctionalInterface
public interface TokenCounter {

    int count(String text);

    /**
     * A tokenizer-free estimate: one token per CJK ideograph (what Qwen/GLM-style vocabularies cost on average) and
     * 1.3 per Latin word or number (English BPE splits longer words). Good enough for a budget, not for billing.
     */
    static TokenCounter approximate() {
        return text -> {
            int ideographs = 0;
            int words = 0;
            boolean inWord = false;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                    ideographs++;
                    inWord = false;
                } else if (Character.isLetterOrDigit(cp)) {
                    if (!inWord) {
                        words++;
                    }
                    inWord = true;
                } else {
                    inWord = false;
                }
                i += Character.charCount(cp);
            }
            return ideographs + (int) Math.ceil(words * 1.3);
        };
    }
}

