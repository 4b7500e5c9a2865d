package dev.yunrag.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The drain after SIGTERM (issue 18): requests already running finish (Quarkus waits for them up to
 * {@code quarkus.shutdown.timeout}), and every request that arrives after the signal is refused at once with 503
 * {@code shutting_down} and {@code Retry-After}, health checks included, so a load balancer takes the server out and
 * a client retries elsewhere. Quarkus's own graceful shutdown would instead take such a request in and start answering
 * it (a question that then waits a minute for the chat model), or, when it arrived as the last running request ended,
 * accept its connection and close it unanswered. No {@code Connection} header is set here: Quarkus adds
 * {@code Connection: close} on HTTP/1.1 while it drains, and on HTTP/2 the header makes a response malformed.
 */
@Singleton
public class ShutdownDrain {

    static final String RETRY_AFTER_SECONDS = "10";

    private final AtomicBoolean draining = new AtomicBoolean();

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        // The JVM starts every shutdown hook at once on SIGTERM: this one only flips the flag, beside Quarkus's hook
        // that waits for the running requests and then stops the application.
        Runtime.getRuntime().addShutdownHook(
                Thread.ofPlatform().name("http-drain").unstarted(() -> draining.set(true)));
        // After the security headers (a refusal carries them too), before everything else.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::refuseWhileDraining);
    }

    private void refuseWhileDraining(RoutingContext context) {
        if (!draining.get()) {
            context.next();
            return;
        }
        String path = context.normalizedPath();
        ErrorRenderer.forPath(path).render(HttpError.of(503, "shutting_down", "Shutting down",
                        "The server is shutting down and takes no new requests; retry in a moment (another instance,"
                                + " or this one once restarted).")
                .withHeader("Retry-After", RETRY_AFTER_SECONDS)).send(context, json);
    }
}
