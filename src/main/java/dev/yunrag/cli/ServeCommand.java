package dev.yunrag.cli;

import dev.yunrag.security.AccessPolicy;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;

/** Keeps the HTTP server (REST API, web UI) running until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP server (the default command).")
public class ServeCommand implements Runnable {

    @Inject
    AccessPolicy access;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    @Inject
    OrphanSweep sweep;

    @Override
    public void run() {
        // Said when serving starts, not on every one-shot command: only a server is exposed.
        access.logInForce();
        sweep.run();
        // The port in force (QUARKUS_HTTP_PORT, -Dquarkus.http.port, application.properties), not a fixed 8080.
        System.out.println("Serving on http://localhost:" + port + " (Ctrl-C stops)");
        Quarkus.waitForExit();
    }
}
