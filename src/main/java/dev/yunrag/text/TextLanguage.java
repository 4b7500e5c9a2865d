package dev.yunrag.text;


/** The two languages retrieval tells apart: Chinese and English (any Latin-script text), or neither. */
public enum TextLanguage {
    CHINESE("Chinese", "中文"),
    ENGLISH("English", "英文"),
    /** No ideographs and no Latin words (numbers, symbols): matches any language. */
    NEITHER("", "");

    private final String english;
    private final String chinese;

    TextLanguage(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    /** The language's name, in English for an English reader and in Chinese for a Chinese one. */
    public String nameFor(TextLanguage reader) {
        return reader == CHINESE ? chinese : english;
    }

    public static TextLanguage of(String text) {
        if (Language.isChinese(text)) {
            return CHINESE;
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                return ENGLISH;
            }
            i += Character.charCount(cp);
        }
        return NEITHER;
    }

    /** Whether text in this language and in {@code other} are different languages (NEITHER differs from none). */
    public boolean differsFrom(TextLanguage other) {
        return this != NEITHER && other != NEITHER && this != other;
    }
}
