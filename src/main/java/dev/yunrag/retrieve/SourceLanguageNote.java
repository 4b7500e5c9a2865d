package dev.yunrag.retrieve;

import dev.yunrag.text.TextLanguage;

import dev.yunrag.model.ScoredChunk;
import java.util.List;
import java.util.Optional;

/**
 * Tells the reader that the passages an answer draws on are in another language than the question, so that an English
 * reader knows the quoted evidence is Chinese (and the reverse). Judged on the best selected passage, the one an
 * answer leans on most; the warning code is {@value #CODE}.
 */
public final class SourceLanguageNote {

    /** The stable code of this warning (the answer's {@code warningCodes}). */
    public static final String CODE = "source_language";

    private SourceLanguageNote() {
    }

    public static Optional<String> of(String question, List<ScoredChunk> selected) {
        if (selected.isEmpty()) {
            return Optional.empty();
        }
        TextLanguage asked = TextLanguage.of(question);
        TextLanguage source = TextLanguage.of(selected.getFirst().text());
        if (!source.differsFrom(asked)) {
            return Optional.empty();
        }
        return Optional.of(asked == TextLanguage.CHINESE
                ? "来源资料是" + source.nameFor(asked) + "的，与问题的语言不同。"
                : "The sources are in " + source.nameFor(asked) + "; the question is in " + asked.nameFor(asked)
                        + ".");
    }
}
