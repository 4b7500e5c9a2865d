package dev.yunrag.ingest;

import dev.yunrag.ingest.image.DocumentImages;
import dev.yunrag.ingest.image.ImageReading;
import dev.yunrag.model.Heading;
import dev.yunrag.model.PageSpan;
import dev.yunrag.model.ParsedDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;

/**
 * Parses files with Apache Tika into text with page and heading boundaries.
 *
 * <p>Everything Tika's standard parsers read is accepted (PDF, DOCX, DOC, PPTX, XLSX, ODT, RTF, EPUB, HTML ...).
 * Plain text, CSV and Markdown bypass Tika's parsers: their encoding is found by {@link TextCharsetDetector}
 * (UTF-8, GBK/GB18030, Big5) and Markdown headings are taken from {@code #} lines by {@link MarkdownStructure}.
 *
 * <p>Pages: one {@link PageSpan} per PDF page; PPTX slides count as pages. Other formats have no pages. PDF headings
 * come from the outline or font sizes ({@link PdfHeadings}); tables are laid out row by row ({@link TableRows}).
 * Images and scanned pages are read by {@link ImageReading} (Tesseract OCR) when it is on: {@link DocumentImages}
 * hooks into the parse and writes what it reads where the image is; when it is off, image files are refused and a
 * scanned PDF fails with "no extractable text", saying why OCR did not run.
 *
 * <p>Line breaks: Tika's HTML parser (jsoup) reports {@code <br>} as a newline character, which cannot be told
 * apart from a line wrapped in the HTML source; both are treated as whitespace (wrapped CJK lines join without a
 * space). Block elements (paragraphs, list items, table rows, headings) always end lines.
 *
 * <p>Thread-safe; one instance serves all ingestion. Parses run on daemon threads and are abandoned after the
 * parse timeout; the content handler checks the interrupt flag on every SAX event, so an abandoned parse stops at
 * its next event even when the Tika parser itself ignores interrupts.
 */
public final class TikaDocumentParser implements DocumentParser {

    private static final Set<String> PLAIN_TEXT_TYPES =
            Set.of("text/plain", "text/csv", "text/tab-separated-values", "text/x-web-markdown", "text/markdown",
                    "text/x-log");
    private static final Set<String> MARKDOWN_EXTENSIONS = Set.of("md", "markdown");
    private static final Set<String> PLAIN_TEXT_EXTENSIONS = Set.of("txt", "text", "csv", "tsv", "md", "markdown", "log");
    private static final long MB = 1024 * 1024;

    /** Loading all of Tika's parsers takes a second or two; they are thread-safe, so load them once. */
    private static final class Tika {
        static final AutoDetectParser PARSER = new AutoDetectParser();
    }

    private final long maxFileBytes;
    private final int maxTextChars;
    private final ParseTimeLimiter timeLimiter;
    private final ImageReading images;
    private final ZipExpansionLimits zipLimits;

    /** A parser that does not read images (image files refused, scanned pages without text). */
    public TikaDocumentParser(long maxFileBytes, Duration parseTimeout, int maxTextChars) {
        this(maxFileBytes, parseTimeout, maxTextChars, ImageReading.off(null));
    }

    public TikaDocumentParser(long maxFileBytes, Duration parseTimeout, int maxTextChars, ImageReading images) {
        this(maxFileBytes, parseTimeout, maxTextChars, images, ZipExpansionLimits.defaults());
    }

    public TikaDocumentParser(long maxFileBytes, Duration parseTimeout, int maxTextChars, ImageReading images,
                              ZipExpansionLimits zipLimits) {
        if (maxFileBytes <= 0 || maxTextChars <= 0 || parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("maxFileBytes, parseTimeout and maxTextChars must be positive");
        }
        this.maxFileBytes = maxFileBytes;
        this.maxTextChars = maxTextChars;
        this.images = images;
        this.zipLimits = zipLimits;
        // POI checks OOXML parts while it inflates them (declared sizes can lie): hold it to the same limits
        ZipSecureFile.setMaxEntrySize(zipLimits.maxExpandedBytes());
        ZipSecureFile.setMinInflateRatio(1.0 / zipLimits.maxRatio());
        // OCR takes seconds per page: a scanned document gets the OCR budget on top of the parse timeout
        this.timeLimiter = new ParseTimeLimiter(parseTimeout.plus(images.extraParseTime()));
    }

    /** Loads Tika's parsers now rather than in the first parse (a parser process does so before it says it is ready). */
    public static void loadParsers() {
        Tika.PARSER.getDetector();
    }

    /** The ZIP expansion limits this parser holds files to. */
    public ZipExpansionLimits zipLimits() {
        return zipLimits;
    }

    /** How this parser reads images (for the start-up log and health). */
    public ImageReading images() {
        return images;
    }

    @Override
    public ParsedDocument parse(Path file, String source) throws IngestFailure {
        return parse(file, source, images -> { });
    }

    @Override
    public ParsedDocument parse(Path file, String source, java.util.function.IntConsumer imagesRead)
            throws IngestFailure {
        checkSize(file, maxFileBytes);
        zipLimits.check(file); // from the ZIP's directory, before anything is inflated
        try {
            return timeLimiter.run(() -> parseNow(file, source, imagesRead));
        } catch (ParseTimeLimiter.ParseTimedOut e) {
            throw new IngestFailure(e.getMessage());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IngestFailure failure) {
                throw failure;
            }
            throw ParseFailureReasons.from(e.getCause());
        }
    }

    /** Refuses an empty file, or one over {@code maxFileBytes}, from its size alone. */
    public static void checkSize(Path file, long maxFileBytes) throws IngestFailure {
        long size = sizeOf(file);
        if (size == 0) {
            throw new IngestFailure(ParseFailureReasons.EMPTY);
        }
        if (size > maxFileBytes) {
            throw new IngestFailure("file is " + describeSize(size) + ", over the limit of " + describeSize(maxFileBytes)
                    + " (yunrag.ingest.max-file-bytes)");
        }
    }

    /** Parses still running on this parser's threads, abandoned ones included (for health checks and tests). */
    int runningParses() {
        return timeLimiter.running();
    }

    private ParsedDocument parseNow(Path file, String source, java.util.function.IntConsumer imagesRead)
            throws Exception {
        String fileName = file.getFileName().toString();
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        try (TikaInputStream stream = TikaInputStream.get(file, metadata)) {
            MediaType type = Tika.PARSER.getDetector().detect(stream, metadata);
            if (isPlainText(type, fileName)) {
                return readPlainText(file, source, fileName, type);
            }
            refuseUnsupported(type);
            ParseContext context = parseContext();
            StructureContentHandler handler = new StructureContentHandler(maxTextChars);
            DocumentImages documentImages = images.forDocument(imagesRead);
            Parser parser = isImage(type) ? documentImages.parser() : Tika.PARSER;
            parser.parse(stream, documentImages.configure(context, type, handler), metadata, context);
            return ImageSummary.record(toDocument(source, fileName, type, handler, metadata, file, documentImages),
                    documentImages.summary(), handler.figures());
        }
    }

    private ParsedDocument readPlainText(Path file, String source, String fileName, MediaType type)
            throws IOException, IngestFailure {
        byte[] bytes = Files.readAllBytes(file);
        boolean markdown = MARKDOWN_EXTENSIONS.contains(extension(fileName))
                || type.getSubtype().contains("markdown");
        MarkdownStructure.Result result = MarkdownStructure.read(TextCharsetDetector.decode(bytes), markdown,
                maxTextChars);
        requireText(result.text(), type);
        String contentType = markdown ? "text/markdown" : type.getBaseType().toString();
        String title = result.headings().stream().filter(h -> h.level() == 1).map(Heading::title).findFirst()
                .orElse(fileName);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("contentType", contentType);
        metadata.put("encoding", TextCharsetDetector.detect(bytes).name());
        return new ParsedDocument(source, title, contentType, result.text(), List.of(), result.headings(), metadata);
    }

    private ParsedDocument toDocument(String source, String fileName, MediaType detected,
                                      StructureContentHandler handler, Metadata tika, Path file,
                                      DocumentImages documentImages)
            throws IngestFailure {
        String text = handler.text();
        if (text.isBlank()) {
            ImageSummary.explainNoText(detected, images, documentImages.summary());
        }
        requireText(text, detected);
        List<PageSpan> pages = pageSpans(handler.pageStarts(), text.length());
        List<Heading> headings = handler.headings();
        if (headings.isEmpty() && detected.getSubtype().equals("pdf")) {
            headings = PdfHeadings.find(file, text, pages); // Tika marks no headings in PDFs
        }
        String contentType = baseType(tika.get(Metadata.CONTENT_TYPE), detected);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("contentType", contentType);
        putIfPresent(metadata, "author", tika.get(TikaCoreProperties.CREATOR));
        putIfPresent(metadata, "created", tika.get(TikaCoreProperties.CREATED));
        putIfPresent(metadata, "modified", tika.get(TikaCoreProperties.MODIFIED));
        putIfPresent(metadata, "language", tika.get(TikaCoreProperties.LANGUAGE));
        putIfPresent(metadata, "pageCount", pageCount(pages, tika));
        return new ParsedDocument(source, title(tika, headings, fileName), contentType, text, pages, headings,
                metadata);
    }

    private static ParseContext parseContext() {
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        // Chinese PDFs often store text runs out of reading order; sorting by position restores it
        pdf.setSortByPosition(true);
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        // Tika appends the outline as a list after the last page; the outline gives headings instead (PdfHeadings)
        pdf.setExtractBookmarksText(false);
        context.set(PDFParserConfig.class, pdf);
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(true);
        context.set(TesseractOCRConfig.class, ocr);
        OfficeParserConfig office = new OfficeParserConfig();
        // Stream DOCX and PPTX XML (SAX) instead of building POI's document tree first: the text limits then stop a
        // decompression bomb while it inflates, not after the whole tree of it was held in memory
        office.setUseSAXDocxExtractor(true);
        office.setUseSAXPptxExtractor(true);
        context.set(OfficeParserConfig.class, office);
        return context;
    }

    /** Programs and libraries, recognised by their magic bytes whatever the file is called. */
    static boolean isExecutable(MediaType type) {
        String base = type.getBaseType().toString();
        return base.equals("application/x-msdownload") || base.equals("application/x-dosexec")
                || base.equals("application/x-executable") || base.equals("application/x-sharedlib")
                || base.equals("application/x-elf") || base.equals("application/x-object")
                || base.equals("application/x-coredump") || base.startsWith("application/x-mach-o")
                || base.equals("application/java-vm") || base.equals("application/x-msdos-program");
    }

    private static boolean isImage(MediaType type) {
        return type.getType().equals("image");
    }

    /** Tika falls back to a parser that emits nothing for types it cannot read; say so instead of "no text". */
    private void refuseUnsupported(MediaType type) throws IngestFailure {
        if (isExecutable(type)) {
            // Tika has a parser for executables (it reads their headers); they are programs, not documents.
            throw new IngestFailure("executable file (" + type.getBaseType() + "), not a document");
        }
        if (isImage(type) && images.unavailableReason() != null) {
            throw new IngestFailure("unsupported file type " + type.getBaseType() + " (images need OCR: "
                    + images.unavailableReason() + ")");
        }
        MediaTypeRegistry registry = Tika.PARSER.getMediaTypeRegistry();
        Map<MediaType, Parser> parsers = Tika.PARSER.getParsers();
        for (MediaType t = registry.normalize(type.getBaseType()); t != null; t = registry.getSupertype(t)) {
            Parser parser = parsers.get(t);
            if (parser != null) {
                if (parser instanceof EmptyParser) {
                    break;
                }
                return;
            }
        }
        throw new IngestFailure("unsupported file type " + type.getBaseType());
    }

    private static boolean isPlainText(MediaType type, String fileName) {
        String base = type.getBaseType().toString();
        return PLAIN_TEXT_TYPES.contains(base)
                || (PLAIN_TEXT_EXTENSIONS.contains(extension(fileName)) && base.startsWith("text/"));
    }

    private static List<PageSpan> pageSpans(List<Integer> starts, int textLength) {
        List<PageSpan> pages = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int start = i == 0 ? 0 : Math.max(starts.get(i), pages.get(i - 1).start());
            int end = i + 1 < starts.size() ? Math.max(start, starts.get(i + 1)) : textLength;
            if (i > 0) {
                PageSpan previous = pages.get(i - 1);
                pages.set(i - 1, new PageSpan(previous.page(), previous.start(), start));
            }
            pages.add(new PageSpan(i + 1, start, end));
        }
        return pages;
    }

    private static String title(Metadata tika, List<Heading> headings, String fileName) {
        String title = tika.get(TikaCoreProperties.TITLE);
        if (title != null && !title.isBlank()) {
            return title.strip();
        }
        return headings.stream().filter(h -> h.level() == 1).map(Heading::title).findFirst().orElse(fileName);
    }

    private static String pageCount(List<PageSpan> pages, Metadata tika) {
        if (!pages.isEmpty()) {
            return Integer.toString(pages.size());
        }
        String count = tika.get(PagedText.N_PAGES);
        return count != null ? count : tika.get(Office.PAGE_COUNT);
    }

    private static void requireText(String text, MediaType type) throws IngestFailure {
        if (text.isBlank()) {
            // "scanned?" is the likely story only for a PDF; an RTF or HTML without text is just that
            boolean pdf = type.getSubtype().equals("pdf");
            throw new IngestFailure(pdf ? ParseFailureReasons.NO_TEXT_PDF : ParseFailureReasons.NO_TEXT);
        }
    }

    private static String baseType(String contentType, MediaType detected) {
        MediaType parsed = contentType == null ? null : MediaType.parse(contentType);
        return (parsed != null ? parsed : detected).getBaseType().toString();
    }

    private static void putIfPresent(Map<String, String> metadata, String key, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(key, value.strip());
        }
    }

    private static long sizeOf(Path file) throws IngestFailure {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IngestFailure("cannot read file: " + e.getMessage(), e);
        }
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** "12 MB" for the limits users set; small sizes in KB or bytes so a tiny limit still reads sensibly. */
    static String describeSize(long bytes) {
        if (bytes >= MB) {
            double mb = (double) bytes / MB;
            return (mb >= 10 || mb == Math.rint(mb) ? Long.toString(Math.round(mb)) : String.format(Locale.ROOT, "%.1f", mb))
                    + " MB";
        }
        if (bytes >= 1024) {
            return (bytes / 1024) + " KB";
        }
        return bytes + " bytes";
    }
}
