package dev.yunrag.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cheap language-neutral terms for matching a question against sentences without a segmenter: overlapping character
 * bigrams inside runs of Chinese (a lone ideograph counts as itself), lower-cased words for Latin text, digit runs
 * as they are. Bigrams find "防守" in "黑豹队的防守" without knowing where words end.
 */
public final class LexicalTerms {

    /**
     * Question words and particles that say what kind of answer is wanted but never appear in the answer sentence;
     * left in, they would reward sentences that happen to contain "是" or "的". Longest first so "哪一年" goes whole.
     * Each Simplified word is followed by its Traditional form where that differs (什么/什麼, 谁/誰), so that
     * Traditional questions (DRCD, Taiwan and Hong Kong documents) lose the same words.
     */
    private static final List<String> CHINESE_QUESTION_WORDS = List.of(
            "为什么", "為什麼", "什么样", "什麼樣", "什么时候", "什麼時候", "哪一年", "哪一个", "哪一個", "哪一些",
            "怎么样", "怎麼樣", "多少个", "多少個", "多长时间", "多長時間",
            "什么", "什麼", "哪个", "哪個", "哪些", "哪里", "哪裡", "哪裏", "哪儿", "哪兒", "哪位", "哪一", "多少",
            "几个", "幾個", "几年", "幾年", "怎么", "怎麼", "怎样", "怎樣", "如何", "为何", "為何", "何时", "何時",
            "何地", "何处", "何處", "何种", "何種", "请问", "請問", "是否", "是不是", "有没有", "有沒有", "多久", "多大",
            "多长", "多長", "多高", "那么", "那麼", "还有", "還有", "这个", "這個", "那个", "那個", "它们", "它們",
            "他们", "他們", "她们", "她們",
            "谁", "誰", "哪", "几", "幾", "吗", "嗎", "呢", "吧", "了", "的", "是", "啊", "它", "其", "该", "該", "被",
            "把", "和", "与", "與", "在", "有");

    private static final Set<String> ENGLISH_STOPWORDS = Set.of(
            "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "is", "are", "was", "were", "be",
            "been", "being", "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or",
            "did", "do", "does", "that", "this", "these", "those", "it", "its", "as", "into", "than", "there",
            "their", "they", "them", "he", "she", "his", "her", "has", "have", "had", "can", "could", "would",
            "should", "will", "about", "many", "much", "name", "named", "called", "type", "kind", "one", "s",
            "any", "some", "if", "so", "not", "no", "but", "also", "then", "up", "out", "after", "before");

    private static final Pattern QUESTION_WORD = Pattern.compile(String.join("|", CHINESE_QUESTION_WORDS));

    private LexicalTerms() {
    }

    /** All terms of a sentence, in order, with repeats. */
    public static List<String> of(String text) {
        List<String> terms = new ArrayList<>();
        int i = 0;
        int length = text.length();
        while (i < length) {
            int cp = text.codePointAt(i);
            if (Language.isCjk(cp)) {
                int end = runEnd(text, i, true);
                addBigrams(text.substring(i, end), terms);
                i = end;
            } else if (Character.isLetterOrDigit(cp)) {
                int end = runEnd(text, i, false);
                terms.add(text.substring(i, end).toLowerCase(Locale.ROOT));
                i = end;
            } else {
                i += Character.charCount(cp);
            }
        }
        return terms;
    }

    /** The distinct content terms of a question: question words, particles and English stopwords left out. */
    public static Set<String> ofQuestion(String question) {
        Set<String> terms = new LinkedHashSet<>();
        for (String term : of(withoutQuestionWords(question))) {
            if (!ENGLISH_STOPWORDS.contains(term)) {
                terms.add(term);
            }
        }
        return terms;
    }

    /** The question with Chinese question words replaced by spaces, so no bigram spans the gap they leave. */
    public static String withoutQuestionWords(String question) {
        return QUESTION_WORD.matcher(question).replaceAll(" ");
    }

    public static boolean isStopword(String englishWord) {
        return ENGLISH_STOPWORDS.contains(englishWord.toLowerCase(Locale.ROOT));
    }

    private static int runEnd(String text, int from, boolean cjk) {
        int i = from;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            boolean same = cjk ? Language.isCjk(cp) : Character.isLetterOrDigit(cp) && !Language.isCjk(cp);
            if (!same) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private static void addBigrams(String run, List<String> terms) {
        int[] cps = run.codePoints().toArray();
        if (cps.length == 1) {
            terms.add(run);
            return;
        }
        for (int k = 0; k + 1 < cps.length; k++) {
            terms.add(new String(cps, k, 2));
        }
    }
}
