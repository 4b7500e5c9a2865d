package dev.yunrag.cli;

import dev.yunrag.security.AccessPolicy;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

/** Keeps the HTTP server (REST API, web UI) running until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP server (the default command).")
public class ServeCommand implements Runnable {

    @Inject
    AccessPolicy access;

    @Inject
    OrphanSweep sweep;

    @Override
    public void run() {
        // Said when serving starts, not on every one-shot command: only a server is exposed.
        access.logInForce();
        sweep.run();
        Quarkus.waitForExit();
    }
}
