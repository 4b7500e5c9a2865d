package dev.yunrag.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Characters [start, end) of a parsed document's text were read from an image: by OCR ({@code origin = "ocr"}) or
 * described by the vision model ({@code "vision"}). {@code figure} names the image: the hex hash of its bytes, so the
 * same picture has the same id wherever it occurs, and its thumbnail is stored once under that name.
 */
public record FigureSpan(String figure, String origin, int start, int end) {

    public static final String OCR = "ocr";
    public static final String VISION = "vision";

    /** What a figure id looks like: hex only, so it can never name a path outside the thumbnail store. */
    public static final Pattern FIGURE_ID = Pattern.compile("[0-9a-f]{24}");

    /** The figure holding character {@code offset}, or null when that character was not read from an image. */
    public static FigureSpan at(List<FigureSpan> figures, int offset) {
        for (FigureSpan figure : figures) {
            if (figure.start() <= offset && offset < figure.end()) {
                return figure;
            }
        }
        return null;
    }

    /** The spans overlapping [start, end), clipped to it. */
    public static List<FigureSpan> within(List<FigureSpan> figures, int start, int end) {
        return figures.stream().filter(f -> f.end() > start && f.start() < end)
                .map(f -> new FigureSpan(f.figure(), f.origin(), Math.max(start, f.start()), Math.min(end, f.end())))
                .toList();
    }

    /**
     * Where the API serves the thumbnail of {@code figure} of document {@code documentId} (access-controlled: the
     * caller must be allowed a collection holding that document).
     */
    public static String thumbnailUrl(String documentId, String figure) {
        return "/api/figures/" + documentId + "/" + figure;
    }
}
