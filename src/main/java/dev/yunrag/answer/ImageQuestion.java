package dev.yunrag.answer;

import java.util.List;

/**
 * The stage that reads the images sent with a question and joins what was read to the question, so that retrieval
 * searches for it and the answer (generated or extractive) is given it. With the 云网 API the vision model
 * (Qwen2-VL-7B) reads and describes the images; without it, or when it fails, OCR reads their text, and the answer
 * says so with a warning code.
 */
public final class ImageQuestion {

    /** Warning code: the images were read by OCR, not by the vision model. */
    public static final String READ_BY_OCR = "image_read_by_ocr";
    /** Most characters of image text joined to a question: enough for a page, not enough to drown the question. */
    public static final int MAX_IMAGE_TEXT = 1500;
    /** The line that introduces the image text inside the question the answer model sees. */
    public static final String IMAGE_TEXT_LABEL = "【随问题提交的图片内容】";

    /** What the images hold, and who read it: {@code vision} or {@code ocr}. */
    public record Reading(String text, String origin, List<String> warnings) {
    }

    /** Reads images; throws {@link InvalidImageException} when they cannot be read at all. */
    @FunctionalInterface
    public interface Reader {
        Reading read(List<QuestionImage> images);
    }

    /** No image reading in this process: a question with images is refused, saying why. */
    public static ImageQuestion unavailable(String why) {
        return new ImageQuestion(images -> {
            throw new InvalidImageException("Images sent with a question are not read here: " + why);
        });
    }

    private final Reader reader;

    public ImageQuestion(Reader reader) {
        this.reader = reader;
    }

    /**
     * {@code request} with its images read and joined to its question (unchanged when it has none); notes say when
     * OCR read them, and that the answer is then extractive when {@code generative} is false.
     */
    AskRequest join(AskRequest request, boolean generative, AnswerNotes notes) {
        if (request.images().isEmpty()) {
            return request;
        }
        Reading reading = reader.read(request.images());
        notes.warnAll(reading.warnings());
        if ("ocr".equals(reading.origin())) {
            notes.warn(READ_BY_OCR, generative
                    ? "The image was read by OCR (its text only), not by the vision model."
                    : "The image was read by OCR (no vision model is configured): its text joined the question and"
                    + " the answer is extractive, quoted from the documents.");
        }
        String text = reading.text() == null ? "" : reading.text().strip();
        if (text.length() > MAX_IMAGE_TEXT) {
            text = text.substring(0, MAX_IMAGE_TEXT);
        }
        String question = text.isEmpty() ? request.question() : request.question().strip() + "\n" + IMAGE_TEXT_LABEL
                + "\n" + text;
        return new AskRequest(question, request.collection(), request.history(), request.model(), request.topK(),
                request.filters(), List.of());
    }
}
