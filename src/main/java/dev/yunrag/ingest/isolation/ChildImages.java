package dev.yunrag.ingest.isolation;

import dev.yunrag.config.ImagesConfig;
import java.time.Duration;
import java.util.Optional;

/** The server's {@code yunrag.images.*} settings, copied for a parser process (which reads no configuration). */
record ChildImages(String mode, String ocrLanguages, Optional<String> tesseractPath, int pageMinChars, int pageDpi,
                   int minSide, int minPixels, int maxSide, int maxPerDocument, Duration ocrTimeout,
                   String visionModel, int visionMaxSide, Duration ocrTimePerDocument) implements ImagesConfig {

    static ChildImages of(ImagesConfig config) {
        return new ChildImages(config.mode(), config.ocrLanguages(), config.tesseractPath(), config.pageMinChars(),
                config.pageDpi(), config.minSide(), config.minPixels(), config.maxSide(), config.maxPerDocument(),
                config.ocrTimeout(), config.visionModel(), config.visionMaxSide(), config.ocrTimePerDocument());
    }
}
