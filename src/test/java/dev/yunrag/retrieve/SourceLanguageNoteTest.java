package dev.yunrag.retrieve;

import static dev.yunrag.retrieve.ReciprocalRankFusionTest.chunk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceLanguageNoteTest {

    private final ScoredChunk chinese = chunk("h", 0, "工作满1年不满10年的，年假为每年10天。", 0, RankTrace.NONE);
    private final ScoredChunk english = chunk("r", 0, "Employees may work remotely for up to 2 days per week.", 0,
            RankTrace.NONE);

    @Test
    void anEnglishQuestionAnsweredFromChineseSourcesIsToldSoInEnglish() {
        assertThat(SourceLanguageNote.of("how many days of annual leave", List.of(chinese, english)))
                .contains("The sources are in Chinese; the question is in English.");
    }

    @Test
    void aChineseQuestionAnsweredFromEnglishSourcesIsToldSoInChinese() {
        assertThat(SourceLanguageNote.of("每周可以远程办公几天？", List.of(english))).get().asString()
                .contains("英文").contains("来源");
    }

    @Test
    void sameLanguageOrNumbersOnlyOrNothingSelectedGiveNoNote() {
        assertThat(SourceLanguageNote.of("年假有几天？", List.of(chinese, english))).isEmpty();
        assertThat(SourceLanguageNote.of("How many remote days?", List.of(english, chinese))).isEmpty();
        assertThat(SourceLanguageNote.of("2024", List.of(chinese))).isEmpty();
        assertThat(SourceLanguageNote.of("how many days of annual leave", List.of())).isEmpty();
        assertThat(SourceLanguageNote.CODE).isEqualTo("source_language");
    }
}
