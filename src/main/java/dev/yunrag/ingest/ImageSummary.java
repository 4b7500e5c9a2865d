package dev.yunrag.ingest;

import dev.yunrag.ingest.image.DocumentImages;
import dev.yunrag.ingest.image.ImageReading;
import dev.yunrag.model.FigureSpan;
import dev.yunrag.model.ParsedDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tika.mime.MediaType;

/** What image reading did for one document: recorded in its metadata, and the reason when it found no text. */
final class ImageSummary {

    /** Metadata key: pages read whole by OCR (scanned pages). */
    static final String OCR_PAGES = "ocrPages";
    /** Metadata key: images inside the document read by OCR, cache hits included (an image file counts as a page). */
    static final String OCR_IMAGES = "ocrImages";
    /** Metadata key: images not read (failures, beyond the cap), one per line. */
    static final String IMAGE_WARNINGS = "imageWarnings";

    private ImageSummary() {
    }

    /**
     * Whether a document's metadata says images were read for it (or tried): only such a document can cite a
     * figure, since {@link #record} leaves every other one without figures and without these keys.
     */
    static boolean readImages(Map<String, String> metadata) {
        return metadata.containsKey(OCR_PAGES) || metadata.containsKey(OCR_IMAGES)
                || metadata.containsKey(IMAGE_WARNINGS);
    }

    /** {@code document} with the summary in its metadata and {@code figures}, the parts of its text read from images. */
    static ParsedDocument record(ParsedDocument document, DocumentImages.Summary summary, List<FigureSpan> figures) {
        int images = summary.imagesRead();
        List<String> warnings = summary.warnings();
        if (summary.pagesRead() == 0 && images == 0 && warnings.isEmpty()) {
            return document;
        }
        Map<String, String> metadata = new LinkedHashMap<>(document.metadata());
        if (summary.pagesRead() > 0) {
            metadata.put(OCR_PAGES, Integer.toString(summary.pagesRead()));
        }
        if (images > 0) {
            metadata.put(OCR_IMAGES, Integer.toString(images));
        }
        if (!warnings.isEmpty()) {
            metadata.put(IMAGE_WARNINGS, String.join("\n", warnings));
        }
        return new ParsedDocument(document.source(), document.title(), document.contentType(), document.text(),
                document.pages(), document.headings(), metadata, figures);
    }

    /** Throws the reason a document whose text is blank has none, when images had a part in it. */
    static void explainNoText(MediaType type, ImageReading images, DocumentImages.Summary summary)
            throws IngestFailure {
        boolean image = type.getType().equals("image");
        boolean pdf = type.getSubtype().equals("pdf");
        if (!image && !pdf) {
            return;
        }
        String failure = summary.failures().isEmpty() ? null : summary.failures().getFirst();
        if (image) {
            throw new IngestFailure(ParseFailureReasons.NO_TEXT + " (" + (failure != null ? failure
                    : "OCR found no text in the image") + ")");
        }
        if (images.enabled()) {
            throw new IngestFailure(ParseFailureReasons.NO_TEXT + " (scanned PDF: " + (failure != null ? failure
                    : "OCR found no text") + ")");
        }
        if (images.offReason() != null) {
            throw new IngestFailure(ParseFailureReasons.NO_TEXT_PDF + "; OCR is off: " + images.offReason());
        }
    }
}
