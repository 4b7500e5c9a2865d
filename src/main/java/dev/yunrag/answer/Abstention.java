package dev.yunrag.answer;

import dev.yunrag.text.Language;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The one sentence an answer uses when the documents do not answer the question, in the question's language, and its
 * recognition in a chat model's reply. Both answer modes say it the same way, so a reader (and the UI, through
 * {@code answered: false}) can tell "not in the documents" from an answer.
 */
public final class Abstention {

    public static final String ZH = "资料中没有找到答案。";
    public static final String EN = "The documents do not answer this.";

    /**
     * Openings a model's reply may use to abstain: the two sentences the prompt asks for, their bare forms, the
     * wording used before this one, and the Traditional form. Compared after normalisation (see {@link #key}).
     */
    private static final List<String> OPENINGS = List.of(ZH, EN, "The sources do not contain the answer",
            "資料中沒有找到答案", "资料中未找到答案", "资料里没有找到答案");

    private Abstention() {
    }

    /** The abstention sentence in the language of {@code question}. */
    public static String sentence(String question) {
        return Language.isChinese(question) ? ZH : EN;
    }

    /**
     * Whether a model's reply abstains: it opens with one of the abstention sentences (a model sometimes goes on to
     * say what the sources do cover, which is still no answer). Citation markers, quotes and punctuation around it
     * do not matter.
     */
    public static boolean isAbstention(String reply) {
        if (reply == null) {
            return false;
        }
        String text = key(reply.replaceAll("[\\[［【]\\s*\\d{1,3}\\s*[\\]］】]", ""));
        return !text.isEmpty() && OPENINGS.stream().map(Abstention::key).anyMatch(text::startsWith);
    }

    /** Lower case, width-folded, letters and digits only. */
    private static String key(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }
}
