package dev.yunrag.answer;

import dev.yunrag.text.Language;
import dev.yunrag.text.LexicalTerms;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the question asks about that none of the passages read mentions at all. A question near the documents' topic
 * ("公司有没有提供员工宿舍？" over an employee handbook) shares most of its words with them, so its best sentence can
 * look like support; the one word that matters (宿舍) is nowhere. Three signs, from strong to weak:
 * <ul>
 *   <li>every name of the question (a Latin word in a Chinese question, a capitalised word inside an English one,
 *       X·Y, 《title》: {@link QuestionKeyTerms}) is absent: "the Chengdu branch" over documents that never say
 *       Chengdu;</li>
 *   <li>a number of the question is absent ("S3 的电池容量是多少毫安时" has none, "2015 年" may);</li>
 *   <li>a two-ideograph term of the question of which neither ideograph occurs anywhere (宿舍 when neither 宿 nor 舍
 *       does). Single ideographs are too common to say anything, and a bigram spanning two words of the question
 *       (工宿) usually has one of its ideographs in the text;</li>
 *   <li>in a question that is not Chinese, a content word of three letters or more that occurs nowhere, in no form
 *       sharing its first five letters ("password" over documents that never say it): English words do not straddle
 *       word boundaries the way ideograph bigrams do, so one unseen word is already a sign.</li>
 * </ul>
 * The last three also occur in answerable questions worded differently from their source, so they raise the bar in
 * {@link AbstentionPolicy} rather than decide alone. A fifth sign narrows where support may come from: when the last
 * two ideographs of a Chinese question's content (what it asks about: 宿舍, 毫安时) occur nowhere as a pair, only a
 * sentence of the first passage may support an answer; a lower passage that shares only the subject's words (云帆小智
 * S3 and its launch date, for its battery) is the near-topic pattern.
 */
final class UnseenKeyTerms {

    static final UnseenKeyTerms NONE = new UnseenKeyTerms(false, false, false, false, false);

    private static final Pattern IDEOGRAPH_RUN = Pattern.compile("\\p{IsHan}{2,}");
    /** Shorter words are too often abbreviations or parts of names to say anything when missing. */
    private static final int MIN_WORD_LETTERS = 3;
    /** Two words sharing this many first letters count as forms of one word (employee, employees, employed). */
    private static final int STEM_LETTERS = 5;

    private final boolean allNames;
    private final boolean number;
    private final boolean ideographPair;
    private final boolean word;
    private final boolean lastPair;

    private UnseenKeyTerms(boolean allNames, boolean number, boolean ideographPair, boolean word, boolean lastPair) {
        this.allNames = allNames;
        this.number = number;
        this.ideographPair = ideographPair;
        this.word = word;
        this.lastPair = lastPair;
    }

    /** @param passages the texts of the passages the answer is drawn from */
    static UnseenKeyTerms of(String question, List<String> passages) {
        String text = String.join("\n", passages);
        QuestionKeyTerms keyTerms = QuestionKeyTerms.of(question);
        boolean allNames = !keyTerms.names().isEmpty() && !keyTerms.anyNameIn(text);
        Set<String> numbersInText = QuestionKeyTerms.numbers(text);
        boolean number = keyTerms.numbers().stream().anyMatch(n -> !numbersInText.contains(n));
        Set<String> questionTerms = LexicalTerms.ofQuestion(question);
        boolean pair = questionTerms.stream().anyMatch(term -> unseenPair(term, text));
        boolean word = !Language.isChinese(question) && unseenWord(questionTerms, text);
        return new UnseenKeyTerms(allNames, number, pair, word, unseenLastPair(question, text));
    }

    /** The last two ideographs of the question's last run of two or more (question words left out) are not in the text. */
    private static boolean unseenLastPair(String question, String text) {
        Matcher run = IDEOGRAPH_RUN.matcher(LexicalTerms.withoutQuestionWords(question));
        String last = null;
        while (run.find()) {
            last = run.group();
        }
        return last != null && !text.contains(last.substring(last.offsetByCodePoints(last.length(), -2)));
    }

    private static boolean unseenWord(Set<String> questionTerms, String text) {
        Set<String> words = new HashSet<>(LexicalTerms.of(text));
        Set<String> stems = new HashSet<>();
        words.stream().filter(w -> w.length() >= STEM_LETTERS).forEach(w -> stems.add(w.substring(0, STEM_LETTERS)));
        return questionTerms.stream()
                .filter(t -> t.length() >= MIN_WORD_LETTERS && t.codePoints().allMatch(Character::isLetter)
                        && t.codePoints().noneMatch(Language::isCjk))
                .anyMatch(t -> !words.contains(t) && !(t.endsWith("s") && words.contains(t.substring(0, t.length() - 1)))
                        && !(t.length() >= STEM_LETTERS && stems.contains(t.substring(0, STEM_LETTERS))));
    }

    private static boolean unseenPair(String term, String text) {
        int[] cps = term.codePoints().toArray();
        return cps.length == 2 && Language.isCjk(cps[0]) && Language.isCjk(cps[1])
                && text.indexOf(Character.toString(cps[0])) < 0 && text.indexOf(Character.toString(cps[1])) < 0;
    }

    /** Every name the question has is absent (false when it has none). */
    boolean allNames() {
        return allNames;
    }

    /** One of the question's numbers is absent. */
    boolean number() {
        return number;
    }

    /** A two-ideograph term of the question has neither ideograph anywhere. */
    boolean ideographPair() {
        return ideographPair;
    }

    /** The last two ideographs of the question's content occur nowhere as a pair. */
    boolean lastPair() {
        return lastPair;
    }

    /** A content word of a question that is not Chinese occurs nowhere, in no form. */
    boolean word() {
        return word;
    }
}
