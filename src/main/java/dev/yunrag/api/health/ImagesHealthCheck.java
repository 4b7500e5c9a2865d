package dev.yunrag.api.health;

import dev.yunrag.ingest.image.ImageReading;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health} check {@code images}: what reads text in images and scanned pages ({@code mode}: {@code ocr} or
 * {@code off}), in the words of the start-up log, and why nothing does when Tesseract is missing. Always UP: without
 * OCR, text documents are indexed and answered as before.
 */
@Readiness
@ApplicationScoped
public class ImagesHealthCheck implements HealthCheck {

    static final String NAME = "images";

    private final ImageReading images;

    public ImagesHealthCheck(ImageReading images) {
        this.images = images;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).up()
                .withData("mode", images.mode().label())
                .withData("reader", images.describe());
        String problem = images.unavailableReason();
        if (problem != null) {
            health.withData("problem", problem);
        }
        return health.build();
    }
}
