package dev.yunrag.text;

/**
 * Decides whether a text is Chinese, so that answers, refusals and rewritten questions come back in the language the
 * user asked in.
 */
public final class Language {

    private Language() {
    }

    /**
     * True when the text has at least as many CJK ideographs as Latin words. Counting words rather than letters keeps
     * a Chinese question with an English name in it ("NFL 的总部在哪？") Chinese, and an English question quoting a
     * Chinese term ("What does 云网 mean?") English.
     */
    public static boolean isChinese(String text) {
        if (text == null) {
            return false;
        }
        int ideographs = 0;
        int latinWords = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isCjk(cp)) {
                ideographs++;
                inWord = false;
            } else if (isLatinLetter(cp)) {
                if (!inWord) {
                    latinWords++;
                }
                inWord = true;
            } else {
                inWord = false;
            }
            i += Character.charCount(cp);
        }
        return ideographs > 0 && ideographs >= latinWords;
    }

    /** A Han ideograph (CJK unified ideographs and their extensions). */
    public static boolean isCjk(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    private static boolean isLatinLetter(int codePoint) {
        return Character.isLetter(codePoint) && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN;
    }
}
