package dev.yunrag.eval;

import java.text.Normalizer;

/**
 * Normalises text before checking whether a reference answer occurs in it: full-width forms to half-width (NFKC),
 * lower case, and punctuation and whitespace removed, so that "１５天" matches "15 天" and "U.S." matches "us".
 */
public final class AnswerNormalizer {

    private AnswerNormalizer() {
    }

    public static String normalize(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase();
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().filter(cp -> !Character.isWhitespace(cp) && !isPunctuation(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** True when {@code text} contains any of the (non-blank) answers after normalisation. */
    public static boolean containsAny(String text, Iterable<String> answers) {
        String haystack = normalize(text);
        for (String answer : answers) {
            String needle = normalize(answer);
            if (!needle.isEmpty() && haystack.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPunctuation(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }
}
