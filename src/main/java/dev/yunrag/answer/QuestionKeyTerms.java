package dev.yunrag.answer;

import dev.yunrag.text.Language;
import dev.yunrag.text.LexicalTerms;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The specific things a question names, which the sentence that answers it almost always repeats: its numbers
 * ("第 49 届超级碗", "九场比赛" = 9 场) and its names (卡万·肖特, 《Bad》, a Latin word such as NFL in a Chinese question, a
 * capitalised word inside an English one). Overall word overlap treats "第 33 届超级碗" as nearly as good a match for
 * "第 49 届超级碗" as the sentence that has 49; these terms tell them apart. Numbers are compared by value, so 九 and 9
 * match.
 */
final class QuestionKeyTerms {

    /** Digit runs (with a decimal part) and runs of Chinese numerals. */
    private static final Pattern NUMBER = Pattern.compile(
            "[0-9０-９]+(?:[.．][0-9０-９]+)?|[〇零一二两三四五六七八九十百千万亿]{1,8}");
    /**
     * Names by their shape: a title in 《》, or a transliterated name, taken as the two ideographs on each side of its
     * "·" (卡万·肖特; without a segmenter the run around it may go on into the next word: "培顿·曼宁参加").
     */
    private static final Pattern CHINESE_NAME = Pattern.compile("\\p{IsHan}{2}·(?=(\\p{IsHan}{2}))|《[^》]+》");
    private static final Pattern TITLE = Pattern.compile("《[^》]+》");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9'’-]*");
    /** In an English question only capitalised words after its first are names; the rest is ordinary wording. */
    private static final Pattern ENGLISH_NAME = Pattern.compile("(?<=\\S\\s)\\p{Lu}[\\p{L}0-9'’-]*");

    private static final Map<Character, Integer> DIGITS = Map.ofEntries(Map.entry('〇', 0), Map.entry('零', 0),
            Map.entry('一', 1), Map.entry('二', 2), Map.entry('两', 2), Map.entry('三', 3), Map.entry('四', 4),
            Map.entry('五', 5), Map.entry('六', 6), Map.entry('七', 7), Map.entry('八', 8), Map.entry('九', 9));
    private static final Map<Character, Long> UNITS = Map.of('十', 10L, '百', 100L, '千', 1000L, '万', 10_000L,
            '亿', 100_000_000L);

    private final Set<String> numbers;
    private final Set<String> names;

    private QuestionKeyTerms(Set<String> numbers, Set<String> names) {
        this.numbers = numbers;
        this.names = names;
    }

    static QuestionKeyTerms of(String question) {
        String content = LexicalTerms.withoutQuestionWords(question);
        Set<String> names = new LinkedHashSet<>();
        Matcher chinese = CHINESE_NAME.matcher(content);
        while (chinese.find()) {
            String name = chinese.group(1) == null ? chinese.group() : chinese.group() + chinese.group(1);
            if (!name.startsWith("《")) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        // Titles as written: question-word removal blanks 与, 和, 的 inside them too (《合规与职业道德》 would become
        // "合规 职业道德", which no document spells).
        Matcher title = TITLE.matcher(question);
        while (title.find()) {
            names.add(title.group().toLowerCase(Locale.ROOT));
        }
        Matcher latin = (Language.isChinese(question) ? LATIN_WORD : ENGLISH_NAME).matcher(content);
        while (latin.find()) {
            String word = latin.group().toLowerCase(Locale.ROOT);
            if (!LexicalTerms.isStopword(word)) {
                names.add(word);
            }
        }
        return new QuestionKeyTerms(numbers(content), names);
    }

    /** The numbers of a text by value: "9", "49", "1.5"; 九 and 九十 as "9" and "90". A lone 一 is left out (一个). */
    static Set<String> numbers(String text) {
        Set<String> values = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String run = m.group();
            if (Character.isDigit(run.charAt(0))) {
                values.add(Normalizer.normalize(run, Normalizer.Form.NFKC).replace('．', '.'));
            } else if (!run.equals("一")) {
                long value = chineseValue(run);
                if (value > 1) {
                    values.add(Long.toString(value));
                }
            }
        }
        return values;
    }

    /** Value of a run of Chinese numerals: 二十五 = 25, 三千五百 = 3500, 一九八五 read digit by digit = 1985. */
    private static long chineseValue(String run) {
        boolean hasUnit = run.chars().anyMatch(c -> UNITS.containsKey((char) c));
        if (!hasUnit) {
            long value = 0;
            for (char c : run.toCharArray()) {
                value = value * 10 + DIGITS.get(c);
            }
            return value;
        }
        long total = 0;
        long section = 0;
        long digit = 0;
        for (char c : run.toCharArray()) {
            Integer d = DIGITS.get(c);
            if (d != null) {
                digit = d;
                continue;
            }
            long unit = UNITS.get(c);
            if (unit >= 10_000) {
                total = (total + section + digit) * unit;
                section = 0;
            } else {
                section += (digit == 0 ? 1 : digit) * unit;
            }
            digit = 0;
        }
        return total + section + digit;
    }

    boolean isEmpty() {
        return numbers.isEmpty() && names.isEmpty();
    }

    /** Share of the question's numbers the sentence holds (by value), 0 when the question has none. */
    double numberShare(String sentence) {
        if (numbers.isEmpty()) {
            return 0;
        }
        Set<String> held = numbers(sentence);
        return (double) numbers.stream().filter(held::contains).count() / numbers.size();
    }

    /** Share of the question's names the sentence holds, 0 when the question has none. */
    double nameShare(String sentence) {
        if (names.isEmpty()) {
            return 0;
        }
        Text text = new Text(sentence);
        return (double) names.stream().filter(text::holds).count() / names.size();
    }

    /** Whether the text holds any of the question's names. */
    boolean anyNameIn(String text) {
        Text t = new Text(text);
        return names.stream().anyMatch(t::holds);
    }

    /**
     * A text as the names are looked up in it. A Latin name must be whole words ("ab" is not in "about"); a
     * transliteration both its halves (蒂安·拉莫 in 艾蒂安·保罗·马利·拉莫特); a title its words with or without 《》.
     */
    private static final class Text {
        private final String lower;
        private final Set<String> terms;

        Text(String text) {
            this.lower = text.toLowerCase(Locale.ROOT);
            this.terms = new java.util.HashSet<>(LexicalTerms.of(lower));
        }

        boolean holds(String name) {
            if (name.startsWith("《")) {
                return lower.contains(name.substring(1, name.length() - 1));
            }
            if (name.indexOf('·') >= 0) {
                return java.util.Arrays.stream(name.split("·")).allMatch(lower::contains);
            }
            return terms.containsAll(LexicalTerms.of(name));
        }
    }

    Set<String> numbers() {
        return numbers;
    }

    Set<String> names() {
        return names;
    }
}
