package dev.yunrag.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;

/**
 * Finds the encoding of plain text, with Chinese legacy encodings in mind.
 *
 * <ol>
 *   <li>A byte order mark decides (UTF-8, UTF-16).</li>
 *   <li>Bytes that are valid UTF-8 are UTF-8: legacy double-byte text almost never is, while detectors often call
 *       short UTF-8 Chinese something else.</li>
 *   <li>Otherwise GB18030 (a superset of GBK and GB2312) and Big5 are tried with strict decoders. When only one
 *       decodes without errors it wins. When both do (common: most GBK byte pairs are also valid Big5), the one that
 *       yields more of the most frequent Chinese characters wins, ties going to Tika's ICU-derived detector.</li>
 *   <li>Bytes neither decodes (Latin-1, Shift_JIS ...) are left to Tika's ICU-derived detector.</li>
 * </ol>
 * Tika's detectors alone were not used for Chinese because they guess wrong on short texts (a title, one line).
 */
final class TextCharsetDetector {

    static final Charset GB18030 = Charset.forName("GB18030");
    static final Charset BIG5 = Charset.forName("Big5");

    /** Frequent characters in both simplified and traditional forms; right decodings are full of them. */
    private static final String COMMON_CHARACTERS =
            "的一是不了在人有我他这個个们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着著下自之年"
            + "过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些"
            + "主样樣理心她本前开開但因只从從想实實日与與问問关關机機公司业業产產工资資务務员員统統系数數据據用户戶信息网網络絡"
            + "管理报報告请請本项項目标標准準设設计計划劃表示通过過需应應该該处處提供服务務安全操作明确確负負责責时間间內内容";

    private TextCharsetDetector() {
    }

    static Charset detect(byte[] bytes) {
        Charset bom = fromByteOrderMark(bytes);
        if (bom != null) {
            return bom;
        }
        if (decodesStrictly(bytes, StandardCharsets.UTF_8)) {
            return StandardCharsets.UTF_8;
        }
        boolean gb = decodesStrictly(bytes, GB18030);
        boolean big5 = decodesStrictly(bytes, BIG5);
        if (gb && !big5) {
            return GB18030;
        }
        if (big5 && !gb) {
            return BIG5;
        }
        if (gb) {
            int gbScore = commonCharacterCount(new String(bytes, GB18030));
            int big5Score = commonCharacterCount(new String(bytes, BIG5));
            if (gbScore != big5Score) {
                return gbScore > big5Score ? GB18030 : BIG5;
            }
            return icuPrefersBig5(bytes) ? BIG5 : GB18030;
        }
        return icuBestGuess(bytes);
    }

    /** The text of {@code bytes} in its detected encoding, without a byte order mark. */
    static String decode(byte[] bytes) {
        Charset charset = detect(bytes);
        String text = new String(bytes, charset);
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    private static Charset fromByteOrderMark(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    static boolean decodesStrictly(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int commonCharacterCount(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (COMMON_CHARACTERS.indexOf(text.charAt(i)) >= 0) {
                count++;
            }
        }
        return count;
    }

    private static boolean icuPrefersBig5(byte[] bytes) {
        int gb = 0;
        int big5 = 0;
        for (CharsetMatch match : icuMatches(bytes)) {
            if (match.getName().equalsIgnoreCase("GB18030")) {
                gb = Math.max(gb, match.getConfidence());
            } else if (match.getName().equalsIgnoreCase("Big5")) {
                big5 = Math.max(big5, match.getConfidence());
            }
        }
        return big5 > gb;
    }

    private static Charset icuBestGuess(byte[] bytes) {
        for (CharsetMatch match : icuMatches(bytes)) {
            if (Charset.isSupported(match.getName())) {
                return Charset.forName(match.getName());
            }
        }
        return Charset.forName("windows-1252");
    }

    private static List<CharsetMatch> icuMatches(byte[] bytes) {
        CharsetDetector detector = new CharsetDetector();
        detector.setText(bytes);
        CharsetMatch[] matches = detector.detectAll();
        return matches == null ? List.of() : List.of(matches);
    }
}
