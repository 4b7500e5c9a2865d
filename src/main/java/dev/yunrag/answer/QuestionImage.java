package dev.yunrag.answer;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An image sent with a question, decoded from a {@code data:} URI ({@code data:image/png;base64,...}): the only form
 * accepted, on {@code /api/ask} and {@code /v1/chat/completions} alike; the service never fetches a URL.
 */
public record QuestionImage(String contentType, byte[] bytes) {

    /** Most images one question may carry. */
    public static final int MAX_IMAGES = 4;
    /** Image types read (Tesseract's and the vision model's formats). */
    public static final Set<String> TYPES =
            Set.of("image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp", "image/tiff");

    /** Decodes {@code uri}; throws {@link InvalidImageException} saying what is wrong with it. */
    public static QuestionImage fromDataUri(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new InvalidImageException("An image is empty: send it as a data URI (data:image/png;base64,...).");
        }
        String trimmed = uri.strip();
        if (trimmed.regionMatches(true, 0, "http://", 0, 7) || trimmed.regionMatches(true, 0, "https://", 0, 8)) {
            throw new InvalidImageException("Image URLs are not fetched: send the image itself as a data URI"
                    + " (data:image/png;base64,...).");
        }
        int comma = trimmed.indexOf(',');
        if (!trimmed.regionMatches(true, 0, "data:", 0, 5) || comma < 0) {
            throw new InvalidImageException("An image must be a data URI (data:image/png;base64,...), not '"
                    + abbreviate(trimmed) + "'.");
        }
        String header = trimmed.substring(5, comma).toLowerCase(Locale.ROOT);
        if (!header.endsWith(";base64")) {
            throw new InvalidImageException("An image data URI must be base64 (data:image/png;base64,...).");
        }
        String type = header.substring(0, header.length() - ";base64".length()).strip();
        if (type.equals("image/jpg")) {
            type = "image/jpeg";
        }
        if (!TYPES.contains(type)) {
            throw new InvalidImageException("Image type '" + type + "' is not read; send one of "
                    + TYPES.stream().sorted().toList() + ".");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(trimmed.substring(comma + 1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException("An image's base64 data is malformed: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new InvalidImageException("An image data URI holds no data.");
        }
        if (DECODED_HERE.contains(type) && !decodes(bytes)) {
            throw new InvalidImageException("An image is not a readable " + type + " image.");
        }
        return new QuestionImage(type, bytes);
    }

    /** Types Java decodes, so a corrupt one is refused at once (WebP and TIFF are left to the reader). */
    private static final Set<String> DECODED_HERE = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp");

    private static boolean decodes(byte[] bytes) {
        try {
            return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes)) != null;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Decodes every URI, at most {@link #MAX_IMAGES}. */
    public static List<QuestionImage> fromDataUris(List<String> uris) {
        if (uris == null || uris.isEmpty()) {
            return List.of();
        }
        if (uris.size() > MAX_IMAGES) {
            throw new InvalidImageException(uris.size() + " images were sent; at most " + MAX_IMAGES
                    + " are read with one question.");
        }
        return uris.stream().map(QuestionImage::fromDataUri).toList();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
