package dev.yunrag.app;

import dev.yunrag.answer.ImageQuestion;
import dev.yunrag.answer.QuestionImage;
import dev.yunrag.ingest.image.ImageReading;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads the images sent with a question with what reads document images: the vision model (Qwen2-VL-7B through the
 * 云网 API) when one is configured, else Tesseract. The vision model failing falls back to OCR with a warning; an
 * image nothing can read is left out with a warning, and the question is answered without it.
 */
final class QuestionImages implements ImageQuestion.Reader {

    private static final Logger LOG = Logger.getLogger(QuestionImages.class);

    private final ImageReading reading;

    private QuestionImages(ImageReading reading) {
        this.reading = reading;
    }

    /** The stage for {@code reading}: questions with images are refused, saying why, when nothing reads images. */
    static ImageQuestion of(ImageReading reading) {
        if (!reading.enabled() || reading.unavailableReason() != null) {
            return ImageQuestion.unavailable(reading.describe());
        }
        return new ImageQuestion(new QuestionImages(reading));
    }

    @Override
    public ImageQuestion.Reading read(List<QuestionImage> images) {
        List<String> texts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean byOcr = false;
        for (int i = 0; i < images.size(); i++) {
            QuestionImage image = images.get(i);
            String label = images.size() == 1 ? "The image" : "Image " + (i + 1);
            if (reading.vision() != null) {
                try {
                    texts.add(reading.readByVision(image.bytes(), image.contentType()));
                    continue;
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("The vision model failed on a question's image: %s", e.getMessage());
                    warnings.add(label + " could not be read by the vision model (" + e.getMessage()
                            + "); it was read by OCR.");
                }
            }
            try {
                texts.add(reading.readByOcr(image.bytes(), image.contentType()));
                byOcr = true;
            } catch (IOException | RuntimeException e) {
                warnings.add(label + " could not be read (" + e.getMessage() + "); the question was answered"
                        + " without it.");
            }
        }
        String text = String.join("\n", texts.stream().filter(t -> t != null && !t.isBlank()).toList());
        return new ImageQuestion.Reading(text, byOcr ? "ocr" : "vision", warnings);
    }
}
