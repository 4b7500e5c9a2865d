package dev.yunrag.answer;

import dev.yunrag.text.Language;

import dev.yunrag.text.SentenceSplitter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which sentences of a passage an extractive answer may quote, and which part of them: a heading, a question
 * (an FAQ's "4.2 保修期多长？") or bare Markdown says nothing that answers, and a list marker or Markdown emphasis
 * around a sentence is layout, not content.
 */
final class QuotableSentence {

    /** Leading layout: Markdown heading marks, quote marks, list bullets and item numbers ("1." "2)" "（三）"). */
    private static final Pattern LEADING_LAYOUT = Pattern.compile(
            "^(?:#{1,6}\\s+|>\\s*|[-*+•·●▪◦]\\s+|\\d{1,2}[.)、]\\s+|[（(]?[一二三四五六七八九十]{1,3}[）)、]\\s*|[*_`]+)+");
    /**
     * An FAQ's bold question before its answer on the same line: "**Are my recordings stored?** Recordings are ..."
     * (its opening "**" may already be cut off as leading layout).
     */
    private static final Pattern LEADING_BOLD_QUESTION = Pattern.compile("^(?:\\*\\*)?[^*?？]+[?？]\\*\\*\\s*");
    /** Trailing emphasis or code marks ("**" closing a bold item). */
    private static final Pattern TRAILING_LAYOUT = Pattern.compile("[*_`]+$");
    /** Chapter, section and article titles (第二章 员工餐厅, 第3条) and numbered section headings (4.2 保修期). */
    private static final Pattern NUMBERED_HEADING = Pattern.compile(
            "^(?:第[0-9一二三四五六七八九十百]+[章节條条部分篇]\\s*|[0-9]+(?:\\.[0-9]+)+\\s+)\\S.*");
    private static final Pattern ENDS_AS_QUESTION = Pattern.compile("[?？][\"'”’）)*_]*$");
    private static final Pattern ENDS_AS_SENTENCE = Pattern.compile("[。！!；;.…:：][\"'”’）)*_]*$");
    /** Table cells (tabs, pipes) or a number: a data row, quoted as it is even without a full stop. */
    private static final Pattern DATA_ROW = Pattern.compile("\\t|\\||\\d");
    /** "出生日期：1985年", "Weight: 680 g": a field and its value. */
    private static final Pattern FIELD = Pattern.compile("\\S[:：]\\s*\\S");
    /** Lines without a full stop at most this long are titles, not statements (unless they are data rows). */
    private static final int MAX_TITLE_CODE_POINTS = 24;
    private static final int MAX_TITLE_WORDS = 8;

    private QuotableSentence() {
    }

    /**
     * The part of the sentence at {@code span} of {@code passage} worth quoting, or empty when the sentence is a
     * heading, a question, or layout only.
     *
     * @param headings the heading path of the passage: a sentence equal to one of them is its heading
     */
    static Optional<SentenceSplitter.Span> of(String passage, SentenceSplitter.Span span, List<String> headings) {
        String sentence = passage.substring(span.start(), span.end());
        int start = span.start();
        int end = span.end();
        Matcher lead = LEADING_LAYOUT.matcher(sentence);
        if (lead.find()) {
            start += lead.end();
        }
        Matcher question = LEADING_BOLD_QUESTION.matcher(passage.substring(start, end));
        if (question.find() && question.end() < end - start) {
            start += question.end();
        }
        Matcher trail = TRAILING_LAYOUT.matcher(passage.substring(start, end));
        if (trail.find()) {
            end = start + trail.start();
        }
        while (start < end && Character.isWhitespace(passage.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(passage.charAt(end - 1))) {
            end--;
        }
        if (start >= end) {
            return Optional.empty();
        }
        String content = passage.substring(start, end);
        if (isHeading(sentence.strip(), content, headings) || ENDS_AS_QUESTION.matcher(content).find()) {
            return Optional.empty();
        }
        return Optional.of(new SentenceSplitter.Span(start, end));
    }

    private static boolean isHeading(String sentence, String content, List<String> headings) {
        if (sentence.startsWith("#") || headings.stream().anyMatch(h -> h.strip().equals(content)
                || h.strip().equals(sentence))) {
            return true;
        }
        if (ENDS_AS_SENTENCE.matcher(content).find()) {
            return false;
        }
        if (NUMBERED_HEADING.matcher(content).matches()) {
            return true;
        }
        if (DATA_ROW.matcher(content).find() || FIELD.matcher(content).find()) {
            return false;
        }
        boolean latin = !Language.isChinese(content);
        return latin ? content.split("\\s+").length <= MAX_TITLE_WORDS
                : content.codePointCount(0, content.length()) <= MAX_TITLE_CODE_POINTS;
    }
}
