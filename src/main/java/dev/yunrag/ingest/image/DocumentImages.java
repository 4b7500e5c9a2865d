package dev.yunrag.ingest.image;

import dev.yunrag.model.FigureSpan;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Reads the images of one document while Tika parses it, writing what OCR found into the document's text where the
 * image is, so that it lands on the right page and goes through the same chunker:
 * <ul>
 *   <li>scanned PDF pages: Tika's PDF parser renders each page with almost no text layer and hands it to
 *       {@link #parser()} (set as the parse's {@link Parser}); only those pages of a mixed PDF;</li>
 *   <li>images inside documents (PDF, DOCX, PPTX, XLSX ...): Tika hands them to this class as the parse's
 *       {@link EmbeddedDocumentExtractor}; other embedded files are left alone, as before;</li>
 *   <li>image files: parsed by {@link #parser()} directly.</li>
 * </ul>
 * Small or blank images are skipped, an image repeated in the document (a letterhead) is read once, results come
 * from the {@link OcrCache} when the same image was read before, and at most {@code max-per-document} images are read.
 * A failure on one image is counted and the document goes on. Not thread-safe: one instance per parse.
 */
public final class DocumentImages implements EmbeddedDocumentExtractor {

    /** Vector formats Tesseract cannot read; Office documents carry many (EMF/WMF drawings, SVG icons). */
    private static final Set<String> VECTOR_TYPES = Set.of("image/emf", "image/x-emf", "image/wmf", "image/x-wmf",
            "image/svg+xml", "image/x-pict", "image/x-ms-bmp-vector");
    private static final Set<String> IMAGE_EXTENSIONS =
            Set.of("png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp", "jp2", "pbm", "pgm", "ppm", "pnm");

    /**
     * What reading the images of one document did: pages and images read (from the cache or by OCR), images skipped
     * as too small or blank, repeats of an image already read, images beyond the cap, cache hits, failures.
     */
    public record Summary(int pagesRead, int imagesRead, int skipped, int repeated, int overflow, int cacheHits,
                          List<String> failures, int maxPerDocument, int visionFallbacks, String visionProblem) {

        /** Lines for the ingest report: images not read, read by OCR because the vision model failed, and why. */
        public List<String> warnings() {
            List<String> warnings = new ArrayList<>(failures);
            if (visionFallbacks > 0) {
                warnings.add("the vision model failed (" + visionProblem + "): " + visionFallbacks
                        + " image(s) or page(s) read by OCR instead");
            }
            if (overflow > 0) {
                warnings.add(overflow + " image(s) beyond the limit of " + maxPerDocument
                        + " per document were not read (yunrag.images.max-per-document)");
            }
            return warnings;
        }
    }

    private final ImageReading reading;
    /** Told the images and pages read so far, after each one (the ingest progress bar counts them). */
    private final IntConsumer progress;
    private final ImagePreparer preparer;
    private final ImagePreparer visionPreparer;
    private final Set<String> seen = new HashSet<>();
    private final List<String> failures = new ArrayList<>();
    private PageTextCounter counter;
    private boolean pdf;
    private int pagesRead;
    private int imagesRead;
    private int skipped;
    private int repeated;
    private int overflow;
    private int cacheHits;
    private int imageNumber;
    private int visionFallbacks;
    private String visionProblem;

    DocumentImages(ImageReading reading, IntConsumer progress) {
        this.reading = reading;
        this.progress = progress;
        ImageReading.Limits limits = reading.limits();
        this.preparer = new ImagePreparer(limits.minSide(), limits.minPixels(), limits.maxSide());
        this.visionPreparer = new ImagePreparer(1, 1, limits.visionMaxSide());
    }

    /**
     * Sets up {@code context} for a document of {@code type} and returns the handler to give Tika (it wraps
     * {@code handler}). With image reading off, the context and handler are returned unchanged.
     */
    public ContentHandler configure(ParseContext context, MediaType type, ContentHandler handler) {
        if (!reading.enabled()) {
            return handler;
        }
        pdf = type.getSubtype().equals("pdf");
        PDFParserConfig pdfConfig = Optional.ofNullable(context.get(PDFParserConfig.class)).orElseGet(PDFParserConfig::new);
        pdfConfig.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.AUTO);
        // unmapped-glyph share in percent, then the characters below which a page counts as scanned
        pdfConfig.setOcrStrategyAuto("100, " + reading.limits().pageMinChars());
        pdfConfig.setOcrDPI(reading.limits().pageDpi());
        pdfConfig.setExtractInlineImages(true);
        pdfConfig.setExtractUniqueInlineImagesOnly(true);
        context.set(PDFParserConfig.class, pdfConfig);
        context.set(TesseractOCRConfig.class, new TesseractOCRConfig());
        context.set(Parser.class, parser());
        context.set(EmbeddedDocumentExtractor.class, this);
        counter = new PageTextCounter(handler);
        return counter;
    }

    /** Reads whole images: image files, and the pages Tika's PDF parser renders for OCR. */
    public Parser parser() {
        return new ImageParser();
    }

    public Summary summary() {
        return new Summary(pagesRead, imagesRead, skipped, repeated, overflow, cacheHits, List.copyOf(failures),
                reading.limits().maxPerDocument(), visionFallbacks, visionProblem);
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        if (!isReadableImage(metadata)) {
            return false;
        }
        // a PDF page with almost no text layer is rendered and read whole: its images are in that picture
        return !(pdf && counter != null && counter.page() > 0
                && counter.pageChars() < reading.limits().pageMinChars());
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        imageNumber++;
        String type = Optional.ofNullable(metadata.get(Metadata.CONTENT_TYPE)).orElse("image/png");
        String name = Optional.ofNullable(metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY))
                .orElse("image " + imageNumber);
        read(stream.readAllBytes(), type, describe(name), false, new EmbeddedContentHandler(handler));
    }

    private static boolean isReadableImage(Metadata metadata) {
        String resourceType = metadata.get(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE);
        String resourceName = String.valueOf(metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY)).toLowerCase(Locale.ROOT);
        if (TikaCoreProperties.EmbeddedResourceType.THUMBNAIL.name().equals(resourceType)
                || resourceName.contains("thumbnail")) {
            return false; // a preview of the first page (docProps/thumbnail.jpeg): a blurred copy of its text
        }
        String type = metadata.get(Metadata.CONTENT_TYPE);
        if (type != null) {
            MediaType media = MediaType.parse(type);
            String base = media == null ? type : media.getBaseType().toString();
            return base.startsWith("image/") && !VECTOR_TYPES.contains(base);
        }
        String name = String.valueOf(metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY)).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1));
    }

    private String describe(String name) {
        return counter != null && counter.page() > 0 ? "image " + name + " on page " + counter.page() : "image " + name;
    }

    /**
     * Reads one image and writes what was read to {@code out}: OCR text as {@code <div class="ocr">} paragraphs, the
     * vision model's transcription and description as {@code <div class="vision">}. The vision model failing falls
     * back to OCR, counted for the ingest report.
     */
    private void read(byte[] bytes, String contentType, String what, boolean wholePage, ContentHandler out)
            throws SAXException, IOException {
        if (!wholePage && imagesRead >= reading.limits().maxPerDocument()) {
            overflow++;
            return;
        }
        if (!wholePage && !seen.add(OcrCache.key(bytes, ""))) {
            repeated++; // a letterhead or logo on every page: its text is already in the document once
            return;
        }
        Prepared prepared = new Prepared(bytes, contentType, wholePage);
        try {
            boolean useOcr = reading.readsWithOcr();
            String described = null;
            if (reading.readsWithVision()) {
                try {
                    described = cachedOr(bytes, "vision:" + reading.vision().model(), () -> vision(prepared));
                } catch (RuntimeException e) {
                    visionFallbacks++;
                    visionProblem = shortReason(e);
                    useOcr = true; // the vision model is down: OCR instead, and say so in the report
                }
            }
            String read = useOcr ? cachedOr(bytes, reading.tesseract().languages(), () -> ocr(prepared)) : null;
            if (prepared.skipped) {
                skipped++;
                return;
            }
            counted(wholePage);
            String figure = Thumbnails.figureId(bytes);
            reading.thumbnails().ifPresent(store -> store.store(figure, bytes));
            write(FigureSpan.OCR, read, figure, out);
            write(FigureSpan.VISION, described, figure, out);
        } catch (Unread e) {
            failures.add(what + " could not be read: " + shortReason(e.getCause()));
        }
    }

    /** An image decoded, checked and scaled at most once, and only when it has to be read. */
    private final class Prepared {
        final byte[] bytes;
        final String contentType;
        final boolean wholePage;
        boolean skipped;
        private ImagePreparer.Read forOcr;

        Prepared(byte[] bytes, String contentType, boolean wholePage) {
            this.bytes = bytes;
            this.contentType = contentType;
            this.wholePage = wholePage;
        }

        /** The image for OCR; null when it is not worth reading (small or blank, and not a page of its own). */
        ImagePreparer.Read forOcr() throws IOException {
            if (forOcr == null && !skipped) {
                ImagePreparer.Outcome outcome = preparer.prepare(bytes, contentType);
                if (outcome instanceof ImagePreparer.Skip && !wholePage) {
                    skipped = true;
                    return null;
                }
                forOcr = outcome instanceof ImagePreparer.Read r ? r : new ImagePreparer.Read(bytes, contentType);
            }
            return forOcr;
        }
    }

    /** A reader's failure on one image, which the document survives. */
    private static final class Unread extends Exception {
        Unread(Throwable cause) {
            super(cause);
        }
    }

    @FunctionalInterface
    private interface Reader {
        String read() throws Unread;
    }

    /** The cached result for this image and reader, or reads it (null when skipped) and caches it. */
    private String cachedOr(byte[] bytes, String reader, Reader read) throws Unread {
        String key = OcrCache.key(bytes, reader);
        Optional<String> cached = reading.cache().flatMap(cache -> cache.get(key));
        if (cached.isPresent()) {
            cacheHits++;
            return cached.get();
        }
        String text = read.read();
        if (text != null) {
            reading.cache().ifPresent(cache -> cache.put(key, text));
        }
        return text;
    }

    private String vision(Prepared prepared) throws Unread {
        try {
            ImagePreparer.Read image = prepared.forOcr();
            if (image == null) {
                return null;
            }
            ImagePreparer.Outcome scaled = visionPreparer.prepare(image.bytes(), image.contentType());
            ImagePreparer.Read small = scaled instanceof ImagePreparer.Read r ? r : image;
            return reading.vision().read(small.bytes(), small.contentType());
        } catch (IOException e) {
            throw new Unread(e);
        }
    }

    private String ocr(Prepared prepared) throws Unread {
        try {
            if (reading.tesseract() == null) {
                throw new IOException("no OCR to fall back on: apt-get install " + TesseractOcr.PACKAGES);
            }
            ImagePreparer.Read image = prepared.forOcr();
            return image == null ? null : ocr(reading.tesseract(), image);
        } catch (IOException | TikaException | SAXException | RuntimeException e) {
            throw new Unread(e);
        }
    }

    private void counted(boolean wholePage) {
        if (wholePage) {
            pagesRead++;
        } else {
            imagesRead++;
        }
        try {
            progress.accept(pagesRead + imagesRead);
        } catch (RuntimeException e) {
            // a progress display failing must not cost the document its text
        }
    }

    private String ocr(TesseractOcr tesseract, ImagePreparer.Read image)
            throws IOException, TikaException, SAXException {
        try {
            reading.ocrSlots().acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SAXException(new InterruptedException("parse abandoned"));
        }
        try {
            return tesseract.read(image.bytes(), image.contentType());
        } finally {
            reading.ocrSlots().release();
        }
    }

    /** Writes {@code text} as a {@code <div class="origin" data-figure="figure">} of paragraphs. */
    private static void write(String origin, String text, String figure, ContentHandler out) throws SAXException {
        if (text == null) {
            return;
        }
        List<String> paragraphs = OcrText.paragraphs(text);
        if (paragraphs.isEmpty()) {
            return;
        }
        XHTMLContentHandler xhtml = new XHTMLContentHandler(out, new Metadata());
        xhtml.startDocument();
        AttributesImpl attributes = new AttributesImpl();
        attributes.addAttribute("", "class", "class", "CDATA", origin);
        attributes.addAttribute("", "data-figure", "data-figure", "CDATA", figure);
        xhtml.startElement("div", attributes);
        for (String paragraph : paragraphs) {
            xhtml.element("p", paragraph);
        }
        xhtml.endElement("div");
        xhtml.endDocument();
    }

    private static String shortReason(Throwable e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage() != null ? innermost.getMessage() : innermost.getClass().getSimpleName();
        message = message.strip().replaceAll("\\s+", " ");
        return message.length() > 160 ? message.substring(0, 157) + "..." : message;
    }

    /** Image files and rendered PDF pages; Tika's PDF parser asks for {@code image/ocr-png} and the like. */
    private final class ImageParser implements Parser {

        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            Set<MediaType> types = new HashSet<>();
            for (String format : List.of("png", "jpeg", "tiff", "bmp", "gif", "webp", "jp2")) {
                types.add(MediaType.image(format));
                types.add(MediaType.image("ocr-" + format));
            }
            return types;
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
                throws IOException, SAXException {
            String override = metadata.get(TikaCoreProperties.CONTENT_TYPE_PARSER_OVERRIDE);
            boolean renderedPage = override != null && override.startsWith("image/ocr-");
            String type = renderedPage ? "image/" + override.substring("image/ocr-".length())
                    : Optional.ofNullable(metadata.get(Metadata.CONTENT_TYPE)).orElse("image/png");
            String what = renderedPage ? "page " + (counter != null ? counter.page() : 0) : "the image";
            read(stream.readAllBytes(), MediaType.parse(type).getBaseType().toString(), what, true, handler);
        }
    }
}
