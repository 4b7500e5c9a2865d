package dev.yunrag.ingest.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.tika.exception.TikaConfigException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

/**
 * Tesseract through Tika's own {@link TesseractOCRParser}: one configured instance, checked once for the program and
 * the languages asked for. When something is missing, {@link #problem()} says which Debian package to install.
 */
public final class TesseractOcr {

    /** The Debian packages the embedded default needs (the README and .ci/ensure-chromium.sh install them). */
    public static final String PACKAGES =
            "tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-eng";

    private static final java.util.regex.Pattern MISSING_LANGUAGE =
            java.util.regex.Pattern.compile("does not have (\\S+) available");

    private final TesseractOCRParser parser;
    private final String languages;
    private final String problem;

    private TesseractOcr(TesseractOCRParser parser, String languages, String problem) {
        this.parser = parser;
        this.languages = languages;
        this.problem = problem;
    }

    /** Finds Tesseract (on the PATH, or in {@code directory}) and checks that each of {@code languages} is installed. */
    public static TesseractOcr detect(String languages, Optional<String> directory, Duration timeout) {
        TesseractOCRParser parser = new TesseractOCRParser();
        directory.filter(d -> !d.isBlank()).ifPresent(d -> parser.setTesseractPath(d.endsWith("/") ? d : d + "/"));
        parser.setLanguage(languages);
        parser.setTimeout((int) Math.max(1, timeout.toSeconds()));
        parser.setPreloadLangs(true); // runs tesseract --list-langs, so a missing language is named up front
        try {
            parser.initialize(Map.of());
            if (!parser.hasTesseract()) {
                return new TesseractOcr(parser, languages,
                        "Tesseract is not installed: apt-get install " + PACKAGES);
            }
        } catch (TikaConfigException | RuntimeException e) {
            // Tika checks the languages as it starts: "tesseract does not have tlh available. I see only: [...]"
            java.util.regex.Matcher language = MISSING_LANGUAGE.matcher(String.valueOf(e.getMessage()));
            if (language.find()) {
                return new TesseractOcr(parser, languages, "Tesseract language " + language.group(1)
                        + " is not installed: apt-get install " + packageFor(language.group(1)));
            }
            return new TesseractOcr(parser, languages,
                    "Tesseract cannot run (" + e.getMessage() + "): apt-get install " + PACKAGES);
        }
        List<String> missing = new ArrayList<>();
        for (String language : languages.split("\\+")) {
            if (!language.isBlank() && !parser.getLangs().contains(language.strip())) {
                missing.add(packageFor(language.strip()));
            }
        }
        if (!missing.isEmpty()) {
            return new TesseractOcr(parser, languages, "Tesseract languages missing (" + languages
                    + "): apt-get install " + String.join(" ", missing));
        }
        return new TesseractOcr(parser, languages, null);
    }

    /** The Debian package of a Tesseract language: chi_sim is tesseract-ocr-chi-sim. */
    static String packageFor(String language) {
        return "tesseract-ocr-" + language.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean available() {
        return problem == null;
    }

    /** Why OCR cannot run, naming the package to install; null when it can. */
    public String problem() {
        return problem;
    }

    public String languages() {
        return languages;
    }

    /** The text Tesseract reads in an image (PNG bytes or any format Leptonica reads), tidied by {@link OcrText}. */
    public String read(byte[] image, String contentType) throws IOException, TikaException, SAXException {
        if (problem != null) {
            throw new IOException(problem);
        }
        BodyContentHandler text = new BodyContentHandler(-1);
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, contentType);
        parser.parse(new ByteArrayInputStream(image), text, metadata, new ParseContext());
        return OcrText.tidy(text.toString());
    }
}
