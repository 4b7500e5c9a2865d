package dev.yunrag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an extractive answer may quote: sentences that answer, best first, never a heading, an FAQ's question, a list
 * marker or Markdown syntax (the cases of issue 12, on the words of the sample corpus).
 */
class ExtractivePrecisionTest {

    private final ExtractiveAnswerer answerer = new ExtractiveAnswerer();

    @Test
    void neverQuotesAChapterHeading() {
        String text = "第二章 员工餐厅\n员工餐厅位于总部三楼，午餐每份18元，由公司补贴一半。";
        CitedAnswer answer = answerer.answer("员工餐厅午餐每份多少钱？",
                List.of(Passages.of(text, text, "办公指南", null, "第二章 员工餐厅")));
        assertThat(answer.text()).isEqualTo("员工餐厅位于总部三楼，午餐每份18元，由公司补贴一半。[1]");
    }

    @Test
    void neverQuotesTheQuestionOfAnFaq() {
        String text = "## 4. 保修\n4.2 保修期多长？\n云帆小智S2整机保修期为12个月，自购买之日起计算。";
        CitedAnswer answer = answerer.answer("云帆小智S2的整机保修期多长？", List.of(Passages.of(text, "说明书")));
        assertThat(answer.text()).doesNotContain("4.2").doesNotContain("保修？").doesNotContain("#")
                .startsWith("云帆小智S2整机保修期为12个月，自购买之日起计算。[1]");
    }

    @Test
    void quotesAListItemWithoutItsMarkerOrMarkdownAndHighlightsItsText() {
        String text = "- **Are my voice recordings stored?**\n"
                + "- Recordings are kept for **30 days** and then deleted automatically.\n";
        CitedAnswer answer = answerer.answer("How long are voice recordings kept?",
                List.of(Passages.of(text, "FAQ")));
        assertThat(answer.text()).isEqualTo("Recordings are kept for 30 days and then deleted automatically. [1]");
        Highlight highlight = answer.highlights().getFirst();
        assertThat(text.substring(highlight.start(), highlight.end()))
                .isEqualTo("Recordings are kept for **30 days** and then deleted automatically.");
    }

    @Test
    void quotesAnFaqAnswerWithoutTheBoldQuestionOnItsLine() {
        String text = "- **Are my voice recordings stored?** Recordings are kept for 30 days, then deleted.\n";
        CitedAnswer answer = answerer.answer("How long are voice recordings kept?", List.of(Passages.of(text, "FAQ")));
        assertThat(answer.text()).isEqualTo("Recordings are kept for 30 days, then deleted. [1]");
    }

    @Test
    void opensWithTheSentenceThatAnswersNotTheOneBeforeIt() {
        String text = "员工病假期间，工资按本人基本工资的80%发放。公司每月15日发放上月工资，遇节假日提前。"
                + "员工婚假为13天，需提前两周申请。";
        CitedAnswer answer = answerer.answer("公司每月几号发工资？", List.of(Passages.of(text, "员工手册")));
        assertThat(answer.text()).startsWith("公司每月15日发放上月工资，遇节假日提前。[1]");
        assertThat(answer.text()).doesNotContain("婚假");
    }

    @Test
    void doesNotPadThePayDayAnswerWithTheMealAllowanceThatIsPaidWithTheSalary() {
        String text = "公司每月15日发放上一个自然月的工资，遇节假日提前发放。员工试用期为3个月。"
                + "每位员工每月享有餐补600元，随工资一并发放。";
        CitedAnswer answer = new ExtractiveAnswerer(null, 3, 5)
                .answer("公司每月几号发工资？", List.of(Passages.of(text, "员工手册")));
        assertThat(answer.text()).isEqualTo("公司每月15日发放上一个自然月的工资，遇节假日提前发放。[1]");
    }

    @Test
    void abstainsWhenNoSentenceIsAboutTheQuestion() {
        String text = "YunLink VPN 客户端支持 Windows 和 macOS。连接前需要先完成双因素认证。";
        CitedAnswer answer = answerer.answer("What is the capital of France?", List.of(Passages.of(text, "IT")));
        assertThat(answer.answered()).isFalse();
        assertThat(answer.text()).isEqualTo("The documents do not answer this.");
        assertThat(answer.citations()).isEmpty();
        assertThat(answer.highlights()).isEmpty();
    }
}
