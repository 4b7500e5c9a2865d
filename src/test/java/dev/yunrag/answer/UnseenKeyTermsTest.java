package dev.yunrag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Near-topic questions: the documents are about the subject, but not about what the question asks. */
class UnseenKeyTermsTest {

    private static final String HANDBOOK = "公司每月15日发放上一个自然月的工资，遇节假日提前发放。"
            + "每位员工每月享有餐补600元。出差住宿标准为每人每晚上限600元。";

    @Test
    void aTwoIdeographTermNeitherOfWhoseIdeographsOccursIsUnseen() {
        assertThat(UnseenKeyTerms.of("公司有没有提供员工宿舍？", List.of(HANDBOOK)).ideographPair())
                .as("舍 occurs nowhere, 宿 only in 住宿: 宿舍 still has an ideograph in the text").isFalse();
        assertThat(UnseenKeyTerms.of("云帆小智S3的电池容量是多少毫安时？", List.of(HANDBOOK)).ideographPair())
                .as("neither 电 nor 池 occurs").isTrue();
        assertThat(UnseenKeyTerms.of("公司每月几号发工资？", List.of(HANDBOOK)).ideographPair()).isFalse();
    }

    @Test
    void aNumberIsComparedByValue() {
        assertThat(UnseenKeyTerms.of("出差住宿每晚六百元吗？", List.of(HANDBOOK)).number()).isFalse();
        assertThat(UnseenKeyTerms.of("2015年的餐补是多少？", List.of(HANDBOOK)).number()).isTrue();
    }

    @Test
    void aQuestionWhoseNamesAreAllAbsentIsNotAnsweredHoweverCloseItsWording() {
        String policy = "Employees may work remotely up to two days per week. The home-office allowance is 200 yuan.";
        assertThat(UnseenKeyTerms.of("How many employees does the Chengdu branch have?", List.of(policy)).allNames())
                .isTrue();
        assertThat(UnseenKeyTerms.of("How many days per week may an employee work remotely?", List.of(policy))
                .allNames()).as("no names: nothing to miss").isFalse();
        assertThat(AbstentionPolicy.supportsAnswer(1.0, 0.95,
                UnseenKeyTerms.of("How many employees does the Chengdu branch have?", List.of(policy)))).isFalse();
    }

    @Test
    void aNameCountsAsSeenAsWholeWordsOrBothHalvesOfATransliterationOrATitleWithoutItsBrackets() {
        String text = "艾蒂安·保罗·马利·拉莫特出版了《解深密经》的译本。Dairy Queen is based in Minnesota about it.";
        assertThat(UnseenKeyTerms.of("艾蒂安·拉莫特有哪些经典翻译？", List.of(text)).allNames()).isFalse();
        assertThat(UnseenKeyTerms.of("解深密经是谁翻译的？", List.of(text)).allNames()).isFalse();
        assertThat(UnseenKeyTerms.of("《合规与职业道德》考试需要达到多少分？",
                List.of("《合规与职业道德》：考试成绩须达到80分及以上")).allNames())
                .as("a title is read as written: 与 is a question word only outside it").isFalse();
        assertThat(UnseenKeyTerms.of("Energiprojekt AB公司位于何处？", List.of(text)).allNames())
                .as("ab is not the word about").isTrue();
    }

    @Test
    void anUnseenTermRaisesTheBarAnAnswerMustClear() {
        UnseenKeyTerms pair = UnseenKeyTerms.of("员工手机的电池容量有多大？", List.of(HANDBOOK));
        assertThat(pair.allNames()).isFalse();
        assertThat(pair.number()).isFalse();
        assertThat(AbstentionPolicy.supportsAnswer(0.2, 0.65, UnseenKeyTerms.NONE)).isTrue();
        assertThat(AbstentionPolicy.supportsAnswer(0.2, 0.65, pair)).isFalse();
        assertThat(AbstentionPolicy.supportsAnswer(0.4, 0.6, pair)).isTrue();
        UnseenKeyTerms number = UnseenKeyTerms.of("2015年的餐补是多少？", List.of(HANDBOOK));
        assertThat(AbstentionPolicy.supportsAnswer(0.3, 0.65, number)).as("0.875: enough without the unseen 2015").isFalse();
        assertThat(AbstentionPolicy.supportsAnswer(0.4, 0.7, number)).isTrue();
    }

    @Test
    void anEnglishContentWordThatOccursInNoFormRaisesTheBar() {
        String policy = "Working from public Wi-Fi networks without the VPN is strictly prohibited. "
                + "Employees may work remotely up to two days per week.";
        UnseenKeyTerms password = UnseenKeyTerms.of("What is the Wi-Fi password?", List.of(policy));
        assertThat(password.word()).as("password occurs nowhere").isTrue();
        assertThat(AbstentionPolicy.supportsAnswer(0.5, 0.45, UnseenKeyTerms.NONE)).isTrue();
        assertThat(AbstentionPolicy.supportsAnswer(0.5, 0.45, password)).isFalse();
        assertThat(UnseenKeyTerms.of("How many days may an employee work remote?", List.of(policy)).word())
                .as("employee is a form of Employees (same first five letters), remote of remotely, days seen")
                .isFalse();
        assertThat(UnseenKeyTerms.of("公司有没有提供员工宿舍？", List.of(policy)).word())
                .as("only questions that are not Chinese").isFalse();
    }

    @Test
    void whenWhatTheQuestionAsksAboutIsNowhereOnlyTheFirstPassageCanSupportAnAnswer() {
        String minutes = "会议决定将云帆小智S3的发布时间推迟至6月18日。";
        UnseenKeyTerms battery = UnseenKeyTerms.of("云帆小智S3的电池容量是多少毫安时？", List.of(HANDBOOK, minutes));
        assertThat(battery.lastPair()).as("毫安时: 安时 occurs nowhere").isTrue();
        assertThat(AbstentionPolicy.supportsAnswer(0.5, 0.8, 0, battery)).isTrue();
        assertThat(AbstentionPolicy.supportsAnswer(0.5, 0.8, 1, battery)).as("a sentence of the second passage")
                .isFalse();
        UnseenKeyTerms launch = UnseenKeyTerms.of("云帆小智S3的发布时间推迟至哪一天？", List.of(HANDBOOK, minutes));
        assertThat(launch.lastPair()).as("推迟至 occurs").isFalse();
        assertThat(AbstentionPolicy.supportsAnswer(0.5, 0.8, 1, launch)).isTrue();
        assertThat(UnseenKeyTerms.of("员工登录密码最少需要多少位？", List.of("密码至少需要8位。")).lastPair())
                .as("the last run of two or more ideographs: 需要, not the lone 位").isFalse();
    }
}
