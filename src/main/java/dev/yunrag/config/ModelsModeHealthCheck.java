package dev.yunrag.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health}: which implementation serves each model role (remote 云网 model, in-process, embedded, extractive)
 * and, for remote ones, the endpoint's circuit breaker state. Always UP: an open breaker degrades answers (BM25 only,
 * fused order, extractive) but the service still answers, so it must not be taken out of rotation for it.
 */
@Readiness
@ApplicationScoped
public class ModelsModeHealthCheck implements HealthCheck {

    static final String NAME = "yunrag-models";

    private final ModelsInForce models;

    public ModelsModeHealthCheck(ModelsInForce models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        Map<String, String> breakers = models.breakerStates();
        for (ModelsInForce.ModelInUse model : models.models()) {
            response.withData(model.role(), model.implementation() + ": " + model.description());
            model.endpoint().ifPresent(endpoint ->
                    response.withData(model.role() + ".breaker", breakers.getOrDefault(endpoint, "unknown")));
        }
        return response.build();
    }
}
