package dev.yunrag.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Reading text in images and scanned pages ({@code yunrag.images.*}); every key is in docs/configuration.md. */
public interface ImagesConfig {

    /**
     * {@code auto} (the vision model when a 云网 chat endpoint is configured, else OCR when Tesseract is installed,
     * else off), {@code off}, {@code ocr} (Tesseract), {@code vision} (Qwen2-VL-7B, OCR when it fails), {@code both}.
     * Env: {@code YUNRAG_IMAGES_MODE}.
     */
    @WithDefault("auto")
    String mode();

    /** Tesseract languages, joined by {@code +}; each needs its Debian package (tesseract-ocr-chi-sim ...). */
    @WithDefault("chi_sim+eng")
    String ocrLanguages();

    /** Where the {@code tesseract} program is, when it is not on the PATH (a directory, ending with /). */
    Optional<String> tesseractPath();

    /** A PDF page with fewer characters of text than this is rendered and read whole (a scanned page). */
    @WithDefault("10")
    int pageMinChars();

    /**
     * Resolution at which scanned PDF pages are rendered for OCR: at 200 dpi Chinese body text (10.5-14 pt) is 29-39
     * pixels high, where Tesseract's Chinese model reads best; it misreads characters above about 50 pixels.
     */
    @WithDefault("200")
    int pageDpi();

    /** Images narrower or lower than this many pixels are skipped (icons, bullets, rules). */
    @WithDefault("48")
    int minSide();

    /** Images with fewer pixels than this are skipped (small logos, stamps of a few words). */
    @WithDefault("10000")
    int minPixels();

    /** Images larger than this on their longer side are scaled down before OCR (what Tesseract needs). */
    @WithDefault("3000")
    int maxSide();

    /** Images read per document at most; the rest are counted and reported. */
    @WithDefault("200")
    int maxPerDocument();

    /** One image taking longer than this in Tesseract is given up and reported; the document is still indexed. */
    @WithDefault("120s")
    Duration ocrTimeout();

    /** The 云网 model that reads images (an OpenAI-style {@code image_url} part with a base64 data URI). */
    @WithDefault("Qwen2-VL-7B")
    String visionModel();

    /** Images sent to the vision model are scaled down to at most this many pixels on their longer side. */
    @WithDefault("1280")
    int visionMaxSide();

    /** Added to {@code yunrag.ingest.parse-timeout} for documents with images or scanned pages to read. */
    @WithDefault("20m")
    Duration ocrTimePerDocument();
}
