package dev.yunrag.cli;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

/** Keeps the HTTP server (REST API, web UI) running until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP server (the default command).")
public class ServeCommand implements Runnable {

    @Override
    public void run() {
        Quarkus.waitForExit();
    }
}
