package dev.yunrag;

import dev.yunrag.app.RunMode;
import dev.yunrag.bench.LoadBenchmarkRun;
import dev.yunrag.cli.YunragCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * Entry point of the single executable. {@code serve} (the default) keeps the HTTP server up; every other command is
 * one-shot and runs without opening the HTTP port.
 */
@QuarkusMain
public class YunragMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        RunMode mode = RunMode.of(args);
        if (mode == RunMode.LOAD_BENCHMARK) {
            // The load benchmark measures a server in this process: HTTP stays on (loopback, a free port).
            LoadBenchmarkRun.serverProperties();
        } else if (mode == RunMode.ONE_SHOT) {
            // One-shot commands share the services but must not open a port nor pay for warm-ups they do not need
            // (the services learn the mode from the injected RunMode, read from the same arguments).
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.banner.enabled", "false");
            // stdout belongs to the command's output (e.g. --json for scripts): logs go to stderr, warnings only.
            System.setProperty("quarkus.log.console.stderr", "true");
            if (System.getProperty("quarkus.log.level") == null) {
                System.setProperty("quarkus.log.level", "WARN");
            }
            // ... except the audit trail of what an operator did (backup, restore, re-index).
            System.setProperty("quarkus.log.category.\"yunrag.audit\".level", "INFO");
        }
        Quarkus.run(YunragMain.class, args);
    }

    @Override
    public int run(String... args) {
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        return YunragCommand.commandLine(factory).execute(effective);
    }
}
