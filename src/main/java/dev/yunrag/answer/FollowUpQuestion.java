package dev.yunrag.answer;

import dev.yunrag.text.Language;

import dev.yunrag.text.LexicalTerms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes a follow-up question searchable when no chat model is there to rewrite it: "那它的首都呢？" alone retrieves
 * nothing useful, so the key terms of the previous user question are put in front of it. Questions that do not look
 * like follow-ups are left alone, because adding old terms to a new topic would pull retrieval back to the old one.
 */
public final class FollowUpQuestion {

    /** At most this many ideographs (or three English words) and a question leans on what came before. */
    private static final int SHORT_CHINESE = 6;
    private static final int SHORT_ENGLISH_WORDS = 3;

    /**
     * Pronouns and ellipsis markers. "其" and "该" only as words of their own, not inside 其他/尤其/应该; "那" not inside
     * 那里 or place names is too fine a distinction for a rule, so only 那么/那个/那些 count.
     */
    private static final Pattern CHINESE_MARKER = Pattern.compile(
            "它|他们|她们|这个|这些|那个|那些|那么|还有|此外|(?<![尤极])其(?![他它次余中实])|(?<![应])该|[呢]\\s*[？?]?\\s*$");
    private static final Pattern ENGLISH_MARKER = Pattern.compile(
            "(?i)\\b(it|its|they|them|their|that|those|this|these|he|she|his|her)\\b|^\\s*(what|how) about\\b|^\\s*and\\b");

    private FollowUpQuestion() {
    }

    /** True when {@code question} probably refers back to the conversation. */
    public static boolean looksLikeFollowUp(String question) {
        String q = question.strip();
        if (Language.isChinese(q)) {
            long ideographs = q.codePoints().filter(Language::isCjk).count();
            return ideographs <= SHORT_CHINESE || CHINESE_MARKER.matcher(q).find();
        }
        long words = q.split("\\s+").length;
        return words <= SHORT_ENGLISH_WORDS || ENGLISH_MARKER.matcher(q).find();
    }

    /**
     * The question to retrieve with: {@code question} itself, or, when it looks like a follow-up and there is an
     * earlier user question in {@code history} (oldest first), that question's key terms followed by this one.
     */
    public static String standalone(List<Turn> history, String question) {
        if (!looksLikeFollowUp(question)) {
            return question;
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            Turn turn = history.get(i);
            if (turn.isUser() && !turn.content().isBlank() && !turn.content().strip().equals(question.strip())) {
                String keyTerms = keyTerms(turn.content());
                return keyTerms.isEmpty() ? question : keyTerms + " " + question.strip();
            }
        }
        return question;
    }

    /** The previous question without question words, particles, stopwords and punctuation: what it was about. */
    static String keyTerms(String previousQuestion) {
        String stripped = LexicalTerms.withoutQuestionWords(previousQuestion);
        List<String> kept = new ArrayList<>();
        for (String piece : stripped.split("[\\p{Punct}\\p{IsPunctuation}\\s]+")) {
            if (!piece.isEmpty() && !LexicalTerms.isStopword(piece)) {
                kept.add(piece);
            }
        }
        return String.join(" ", kept);
    }
}
