package dev.yunrag.ingest;

import dev.yunrag.model.Heading;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Markdown (and plain text) into normalised text, taking headings from ATX lines ({@code # Title} ..
 * {@code ###### Title}). Tika has no Markdown parser, and rendering Markdown would move offsets, so the text keeps
 * its Markdown markup; a heading's offset points at its title text, just after the {@code #} marks. Lines inside
 * fenced code blocks ({@code ```} or {@code ~~~}) are never headings (shell comments start with {@code #} too).
 * Setext headings are read too: a one-line paragraph underlined with {@code ===} (level 1) or {@code ---} (level 2).
 * Only a paragraph of one line qualifies (the line before it blank or the start), and not a list item or quote, so
 * a {@code ---} rule under a list or a long paragraph is not mistaken for a heading.
 */
final class MarkdownStructure {

    private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*))?$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern NOT_A_PARAGRAPH = Pattern.compile("^ {0,3}(?:[-*+>|]|\\d+[.)]\\s|#|```|~~~)");

    /** The normalised text and its headings. */
    record Result(String text, List<Heading> headings) {
    }

    private MarkdownStructure() {
    }

    /** Reads {@code source}; with {@code markdown} false, no headings are looked for (plain text, CSV). */
    static Result read(String source, boolean markdown, int maxTextChars) {
        StructuredTextBuilder text = new StructuredTextBuilder(maxTextChars);
        List<Integer> levels = new ArrayList<>();
        List<StructuredTextBuilder.Mark> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        boolean inFence = false;
        String[] lines = source.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ParseAbandoned();
            }
            String line = lines[i];
            Matcher heading = ATX_HEADING.matcher(line);
            if (markdown && FENCE.matcher(line).find()) {
                inFence = !inFence;
                text.append(line, true);
            } else if (markdown && !inFence && heading.matches() && heading.group(2) != null) {
                text.append(heading.group(1), true);
                text.space();
                levels.add(heading.group(1).length());
                starts.add(text.markNextContent());
                String content = heading.group(2);
                int titleEnd = closingSequenceStart(content);
                text.append(content.substring(0, titleEnd), true);
                ends.add(text.length());
                text.append(content.substring(titleEnd), true);
            } else if (markdown && !inFence && isSetextTitle(lines, i)) {
                levels.add(lines[i + 1].strip().charAt(0) == '=' ? 1 : 2);
                starts.add(text.markNextContent());
                text.append(line, true);
                ends.add(text.length());
            } else {
                text.append(line, true);
            }
            text.append("\n", true);
        }
        String finished = text.finish();
        List<Heading> headings = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            Heading found = HeadingTitles.headingAt(finished, levels.get(i), starts.get(i).offset(), ends.get(i));
            if (found != null) {
                headings.add(found);
            }
        }
        return new Result(finished, headings);
    }

    /**
     * Where the optional closing {@code #} sequence of an ATX heading's content starts (the blanks before it
     * included), or the content's length when it has none: "Title ##" gives 5. Read backwards from the end in one
     * pass; the regular expression it replaces ({@code [ \t]+#+$}, searched) went quadratic on a heading line of many
     * blanks, retrying every blank as a start (issue 18, finding 6).
     */
    static int closingSequenceStart(String content) {
        int hashes = content.length();
        while (hashes > 0 && content.charAt(hashes - 1) == '#') {
            hashes--;
        }
        if (hashes == content.length()) {
            return content.length();
        }
        int blanks = hashes;
        while (blanks > 0 && (content.charAt(blanks - 1) == ' ' || content.charAt(blanks - 1) == '\t')) {
            blanks--;
        }
        return blanks == hashes ? content.length() : blanks;
    }

    /** Line {@code i} is a one-line paragraph and the next line underlines it. */
    private static boolean isSetextTitle(String[] lines, int i) {
        return i + 1 < lines.length && SETEXT_UNDERLINE.matcher(lines[i + 1]).matches()
                && !lines[i].isBlank() && (i == 0 || lines[i - 1].isBlank())
                && !NOT_A_PARAGRAPH.matcher(lines[i]).find() && !lines[i].startsWith("    ");
    }

    /** The reading thread was interrupted because the parse timed out. */
    static final class ParseAbandoned extends RuntimeException {
        ParseAbandoned() {
            super("parse abandoned");
        }
    }
}
