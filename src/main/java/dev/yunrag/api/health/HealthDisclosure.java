package dev.yunrag.api.health;

import dev.yunrag.security.AccessPolicy;
import dev.yunrag.security.ApiKey;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /q/health*} stays open (load balancers and orchestrators call it without keys), but with keys configured it
 * tells an anonymous or reader caller only up or down, per check. The checks' data (data directory, collection names
 * and sizes, models, breaker states) is for admin keys, and an admin key limited to some collections sees only their
 * entries. Without keys the API is open anyway, and the full report is served as Quarkus builds it.
 */
@Singleton
public class HealthDisclosure {

    static final String ROOT = "/q/health";
    /** The index check's per-collection entries: {@code collection.NAME}. */
    static final String COLLECTION_PREFIX = "collection.";

    @Inject
    AccessPolicy policy;

    @Inject
    SmallRyeHealthReporter reporter;

    void install(@Observes Router router) {
        // After the platform key check (which lets health through), before Quarkus's health handler.
        router.route().order(Integer.MIN_VALUE + 2).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        String path = context.normalizedPath();
        if (!policy.enabled() || !(path.equals(ROOT) || path.startsWith(ROOT + "/"))) {
            context.next();
            return;
        }
        Optional<ApiKey> key = policy.identify(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (key.isPresent() && key.get().isAdmin() && key.get().collections().isEmpty()) {
            context.next();
            return;
        }
        String which = path.substring(ROOT.length());
        context.vertx().<SmallRyeHealth>executeBlocking(() -> switch (which) {
            case "", "/" -> reporter.getHealth();
            case "/live", "/live/" -> reporter.getLiveness();
            case "/ready", "/ready/" -> reporter.getReadiness();
            case "/started", "/started/" -> reporter.getStartup();
            case "/well", "/well/" -> reporter.getWellness();
            default -> null;
        }, false).onComplete(result -> {
            if (result.failed()) {
                context.fail(result.cause());
                return;
            }
            if (result.result() == null) {
                context.response().setStatusCode(404).end();
                return;
            }
            SmallRyeHealth health = result.result();
            JsonObject shown = key.filter(ApiKey::isAdmin).map(k -> forLimitedAdmin(health.getPayload(), k))
                    .orElseGet(() -> minimal(health.getPayload()));
            context.response().setStatusCode(health.isDown() ? 503 : 200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(shown.toString());
        });
    }

    /** Status and each check's name and status; no data. */
    static JsonObject minimal(JsonObject payload) {
        JsonArrayBuilder checks = Json.createArrayBuilder();
        for (JsonValue value : payload.getJsonArray("checks")) {
            JsonObject check = value.asJsonObject();
            checks.add(Json.createObjectBuilder().add("name", check.getString("name"))
                    .add("status", check.getString("status")));
        }
        return Json.createObjectBuilder().add("status", payload.getString("status")).add("checks", checks).build();
    }

    /** Everything, except the entries of collections the key may not use, and the count that would reveal them. */
    static JsonObject forLimitedAdmin(JsonObject payload, ApiKey key) {
        JsonArrayBuilder checks = Json.createArrayBuilder();
        for (JsonValue value : payload.getJsonArray("checks")) {
            JsonObject check = value.asJsonObject();
            JsonObjectBuilder shown = Json.createObjectBuilder().add("name", check.getString("name"))
                    .add("status", check.getString("status"));
            JsonObject data = check.getJsonObject("data");
            if (data != null) {
                JsonObjectBuilder kept = Json.createObjectBuilder();
                for (Map.Entry<String, JsonValue> entry : data.entrySet()) {
                    String name = entry.getKey();
                    boolean otherCollection = name.startsWith(COLLECTION_PREFIX)
                            && !key.allows(name.substring(COLLECTION_PREFIX.length()));
                    if (!otherCollection && !name.equals("collections")) {
                        kept.add(name, entry.getValue());
                    }
                }
                shown.add("data", kept);
            }
            checks.add(shown);
        }
        return Json.createObjectBuilder().add("status", payload.getString("status")).add("checks", checks).build();
    }
}
