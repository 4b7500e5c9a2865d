package dev.yunrag.cli;

import dev.yunrag.app.Pipelines;
import dev.yunrag.app.TestConfigs;
import dev.yunrag.config.YunragConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code yunrag migrate ...} through the application's command line (picocli, the registered subcommand), with
 * the composition root built from the packaged configuration and {@code overrides} instead of a Quarkus boot.
 */
record MigrateRun(int exitCode, String out, String err) {

    static MigrateRun run(Map<String, String> overrides, String... args) {
        YunragConfig config = TestConfigs.config(overrides);
        Pipelines pipelines = new Pipelines(config);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = CommandLine.defaultFactory().create(type);
                if (made instanceof MigrateCommand migrate) {
                    migrate.pipelines = pipelines;
                    migrate.config = config;
                }
                return made;
            }
        };
        CommandLine commandLine = YunragCommand.commandLine(factory);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        System.out.print(out);
        System.out.print(err);
        return new MigrateRun(code, out.toString(), err.toString());
    }
}
