package dev.yunrag.ingest.image;

import dev.yunrag.config.ImagesConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import dev.langchain4j.model.chat.ChatModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * How images and scanned pages are read, shared by all ingestion: the mode in force, Tesseract, the cache by image
 * hash and the bound on OCR processes running at once. Each parse gets its own {@link DocumentImages}.
 */
public final class ImageReading {

    /** What reads images. */
    public enum Mode {
        /** Nothing reads images. */
        OFF,
        /** Tesseract. */
        OCR,
        /** Qwen2-VL-7B through the 云网 API, with OCR when the model fails. */
        VISION,
        /** Both, each image: OCR's exact characters and the vision model's description. */
        BOTH;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Settings of {@code yunrag.images.*} that apply per image or per page. */
    public record Limits(int pageMinChars, int pageDpi, int minSide, int minPixels, int maxSide, int maxPerDocument,
                         Duration timePerDocument, int visionMaxSide) {

        public static Limits defaults() {
            return new Limits(10, 200, 48, 10_000, 3000, 200, Duration.ofMinutes(20), 1280);
        }
    }

    private final Mode mode;
    private final String offReason;
    private final TesseractOcr tesseract;
    private final VisionReader vision;
    private final OcrCache cache;
    private final Limits limits;
    private final Semaphore ocrSlots;
    private Thumbnails thumbnails;

    private ImageReading(Mode mode, String offReason, TesseractOcr tesseract, VisionReader vision, OcrCache cache,
                         Limits limits, int ocrThreads) {
        this.mode = mode;
        this.offReason = offReason;
        this.tesseract = tesseract;
        this.vision = vision;
        this.cache = cache;
        this.limits = limits;
        this.ocrSlots = new Semaphore(Math.max(1, ocrThreads), true);
    }

    /** Image reading off: image files are refused and scanned pages have no text (the tests' plain parser). */
    public static ImageReading off(String why) {
        return new ImageReading(Mode.OFF, why, null, null, null, Limits.defaults(), 1);
    }

    /** Tesseract OCR with these languages, limits and cache; a missing Tesseract is reported per file. */
    public static ImageReading ocr(TesseractOcr tesseract, OcrCache cache, Limits limits) {
        return new ImageReading(Mode.OCR, null, tesseract, null, cache, limits, defaultOcrThreads());
    }

    /**
     * The vision model ({@code both}: and OCR on every image; {@code vision}: OCR only when the model fails);
     * {@code tesseract} may be null when it is not installed.
     */
    public static ImageReading vision(VisionReader vision, boolean alsoOcr, TesseractOcr tesseract, OcrCache cache,
                                      Limits limits) {
        TesseractOcr usable = tesseract != null && tesseract.available() ? tesseract : null;
        return new ImageReading(alsoOcr && usable != null ? Mode.BOTH : Mode.VISION, null, usable, vision, cache,
                limits, defaultOcrThreads());
    }

    /**
     * From {@code yunrag.images.*}: {@code auto} reads with Tesseract when it is installed (with its languages) and is
     * off otherwise, saying which package to install; {@code ocr} insists on Tesseract.
     */
    public static ImageReading fromConfig(ImagesConfig config, Path dataDir, Optional<ChatModel> chat) {
        String mode = config.mode().strip().toLowerCase(Locale.ROOT);
        if (mode.equals("off")) {
            return off("image reading is off (yunrag.images.mode=off)");
        }
        if (!List.of("auto", "ocr", "vision", "both").contains(mode)) {
            throw new IllegalArgumentException("yunrag.images.mode must be auto, off, ocr, vision or both, not "
                    + config.mode());
        }
        TesseractOcr tesseract = TesseractOcr.detect(config.ocrLanguages(), config.tesseractPath(), config.ocrTimeout());
        Limits limits = new Limits(config.pageMinChars(), config.pageDpi(), config.minSide(), config.minPixels(),
                config.maxSide(), config.maxPerDocument(), config.ocrTimePerDocument(), config.visionMaxSide());
        OcrCache cache = new OcrCache(dataDir.resolve("ocr-cache"));
        Thumbnails thumbnails = Thumbnails.under(dataDir);
        boolean wantsVision = mode.equals("vision") || mode.equals("both") || mode.equals("auto");
        if (wantsVision && chat.isPresent()) {
            return vision(new VisionReader(chat.get(), config.visionModel()), mode.equals("both"), tesseract, cache,
                    limits).withThumbnails(thumbnails);
        }
        // vision asked for without a chat endpoint: OCR, and describe() says why
        if (!tesseract.available() && !mode.equals("ocr")) {
            return off(tesseract.problem() + (mode.equals("auto") ? "" : "; no 云网 chat endpoint for the vision model"
                    + " (yunrag.api.chat.base-url)"));
        }
        return ocr(tesseract, cache, limits).withThumbnails(thumbnails);
    }

    /** This reading, storing a thumbnail of each image it reads in {@code store} (for citations to show). */
    public ImageReading withThumbnails(Thumbnails store) {
        this.thumbnails = store;
        return this;
    }

    /** Where thumbnails of the images read are stored; empty when they are not (some tests). */
    public Optional<Thumbnails> thumbnails() {
        return Optional.ofNullable(thumbnails);
    }

    /** Tesseract runs several threads of its own per image: one process per two cores keeps the cores busy. */
    static int defaultOcrThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public Mode mode() {
        return mode;
    }

    /** True when Tesseract reads every image (modes ocr and both). */
    public boolean readsWithOcr() {
        return mode == Mode.OCR || mode == Mode.BOTH;
    }

    /** True when the vision model reads every image (modes vision and both). */
    public boolean readsWithVision() {
        return mode == Mode.VISION || mode == Mode.BOTH;
    }

    /** The vision model's reader; null unless {@link #readsWithVision()}. */
    public VisionReader vision() {
        return vision;
    }

    /** True when images and scanned pages are read. */
    public boolean enabled() {
        return mode != Mode.OFF;
    }

    /** Why images are not read (naming the package to install when Tesseract is missing); null when they are. */
    public String unavailableReason() {
        if (mode == Mode.OFF) {
            return offReason != null ? offReason : "image reading is off";
        }
        return mode == Mode.OCR ? tesseract.problem() : null;
    }

    /** One line for the start-up log and health: what reads images, and why not when nothing does. */
    public String describe() {
        if (mode == Mode.OFF) {
            return "off (" + unavailableReason() + ")";
        }
        if (mode == Mode.OCR) {
            return tesseract.available() ? "ocr (Tesseract, " + tesseract.languages() + ")"
                    : "ocr, unavailable: " + tesseract.problem();
        }
        String ocr = tesseract != null ? "Tesseract, " + tesseract.languages() : "none: Tesseract is not installed";
        return mode == Mode.BOTH ? "both (" + vision.model() + " via the 云网 API, and " + ocr + ")"
                : "vision (" + vision.model() + " via the 云网 API; OCR when it fails: " + ocr + ")";
    }

    /** Why image reading was turned off by configuration or a missing Tesseract; null when on, or off by default. */
    public String offReason() {
        return offReason;
    }

    public Limits limits() {
        return limits;
    }

    /** A parse's own view: counts, letterhead detection and the cap are per document. */
    public DocumentImages forDocument() {
        return forDocument(images -> { });
    }

    /** As {@link #forDocument()}, telling {@code imagesRead} the images and pages read so far after each one. */
    public DocumentImages forDocument(java.util.function.IntConsumer imagesRead) {
        return new DocumentImages(this, imagesRead);
    }

    /** The extra parse time a document may take when images are read. */
    public Duration extraParseTime() {
        return enabled() ? limits.timePerDocument() : Duration.ZERO;
    }

    /**
     * What the vision model reads and sees in one image (an image sent with a question), scaled to the model's size
     * first; throws whatever the API client throws. Only when {@link #vision()} is not null.
     */
    public String readByVision(byte[] image, String contentType) throws IOException {
        ImagePreparer.Outcome scaled = new ImagePreparer(1, 1, limits.visionMaxSide()).prepare(image, contentType);
        ImagePreparer.Read read = scaled instanceof ImagePreparer.Read r ? r : new ImagePreparer.Read(image, contentType);
        return vision.read(read.bytes(), read.contentType());
    }

    /** The text Tesseract reads in one image (an image sent with a question), tidied; throws when it cannot. */
    public String readByOcr(byte[] image, String contentType) throws IOException {
        if (tesseract == null || !tesseract.available()) {
            throw new IOException("no OCR: " + (tesseract == null ? "apt-get install " + TesseractOcr.PACKAGES
                    : tesseract.problem()));
        }
        ImagePreparer.Outcome prepared = new ImagePreparer(1, 1, limits.maxSide()).prepare(image, contentType);
        ImagePreparer.Read read = prepared instanceof ImagePreparer.Read r ? r
                : new ImagePreparer.Read(image, contentType);
        try {
            ocrSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        try {
            return OcrText.tidy(tesseract.read(read.bytes(), read.contentType()));
        } catch (org.apache.tika.exception.TikaException | org.xml.sax.SAXException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            ocrSlots.release();
        }
    }

    TesseractOcr tesseract() {
        return tesseract;
    }

    Optional<OcrCache> cache() {
        return Optional.ofNullable(cache);
    }

    Semaphore ocrSlots() {
        return ocrSlots;
    }
}
