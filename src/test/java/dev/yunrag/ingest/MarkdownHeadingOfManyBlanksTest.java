package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.model.Heading;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, finding 6 (large pathological text): a Markdown heading line of a million blanks not ending in {@code #}.
 * The closing-hashes regular expression it replaced ({@code [ \t]+#+$}, searched) retried every blank as a start and
 * consumed the rest of the run each time, about half a million million steps for this line; read backwards in one
 * pass it is a million. No timing: a quadratic reader would simply not finish the test run.
 */
class MarkdownHeadingOfManyBlanksTest {

    private static final String MILLION_BLANKS = " \t".repeat(500_000);

    @Test
    void aHeadingLineOfAMillionBlanksKeepsItsWholeTitle() {
        MarkdownStructure.Result result = MarkdownStructure.read("# a" + MILLION_BLANKS + "b\n\nbody\n", true,
                20_000_000);
        assertThat(result.headings()).containsExactly(new Heading(1, "a b", 2));
        assertThat(MarkdownStructure.closingSequenceStart("a" + MILLION_BLANKS + "b")).isEqualTo(1_000_002);
    }

    @Test
    void aMillionBlanksBeforeClosingHashesAreCutWithThem() {
        MarkdownStructure.Result result = MarkdownStructure.read("## a" + MILLION_BLANKS + "###\n", true, 20_000_000);
        assertThat(result.headings()).extracting(Heading::title).containsExactly("a");
        assertThat(MarkdownStructure.closingSequenceStart("a" + MILLION_BLANKS + "###")).isEqualTo(1);
    }

    @Test
    void closingSequencesOfOrdinaryHeadings() {
        assertThat(MarkdownStructure.closingSequenceStart("Title ##")).isEqualTo(5);
        assertThat(MarkdownStructure.closingSequenceStart("Title \t #")).isEqualTo(5);
        assertThat(MarkdownStructure.closingSequenceStart("C#")).isEqualTo(2); // no blank before: part of the title
        assertThat(MarkdownStructure.closingSequenceStart("Title")).isEqualTo(5);
        assertThat(MarkdownStructure.closingSequenceStart("###")).isEqualTo(3);
        assertThat(MarkdownStructure.closingSequenceStart("")).isEqualTo(0);
        assertThat(MarkdownStructure.closingSequenceStart("Use C# ##")).isEqualTo(6);

        MarkdownStructure.Result result = MarkdownStructure.read("""
                # 标题 ##
                ## Use C# ##
                ### Plain
                """, true, 1000);
        assertThat(result.headings()).extracting(Heading::title).containsExactly("标题", "Use C#", "Plain");
    }
}
