package dev.yunrag.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness with the index status as data ({@code /q/health/ready}): the models in use and each collection's size.
 * Besides telling an orchestrator that the indexes open, it puts the index status on the Quarkus Dev UI's SmallRye
 * Health page, which an application can fill without writing a Dev UI extension of its own (see docs/ui.md).
 */
@Readiness
@ApplicationScoped
public class IndexHealthCheck implements HealthCheck {

    @Inject
    StatusResource status;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("yunrag-index");
        try {
            // No reachability probes: a readiness check must answer fast even when a remote endpoint is down.
            StatusResource.Status s = status.status(false);
            response.up().withData("mode", s.mode()).withData("dataDir", s.dataDir());
            for (StatusResource.ModelStatus m : s.models()) {
                response.withData("model." + m.role() + (m.role().equals("answer") ? "." + m.name() : ""),
                        m.name() + " (" + m.location() + (m.dimension() == null ? "" : ", " + m.dimension() + " dims")
                                + (Boolean.FALSE.equals(m.available()) ? ", UNAVAILABLE" : "") + ")");
            }
            for (StatusResource.CollectionStatus c : s.collections()) {
                response.withData("collection." + c.name(), c.documents() + " documents, " + c.chunks() + " chunks, "
                        + c.bytesOnDisk() + " bytes, " + c.embeddingModel() + "/" + c.dimension());
            }
        } catch (RuntimeException e) {
            response.down().withData("error", String.valueOf(e.getMessage()));
        }
        return response.build();
    }
}
