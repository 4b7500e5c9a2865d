package dev.yunrag.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: {@code yunrag [serve|ingest|...]}. */
@Command(name = "yunrag", mixinStandardHelpOptions = true, version = "YunRAG 0.1.0",
        description = "Question answering over your own documents, with citations.",
        subcommands = {ServeCommand.class, IngestCommand.class, AskCommand.class, EvalCommand.class, BenchCommand.class,
                CheckApiCommand.class, MigrateCommand.class, BackupCommand.class, RestoreCommand.class})
public class YunragCommand implements Runnable {

    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new YunragCommand(), factory);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    @Override
    public void run() {
        // Reached only with options and no subcommand; serving is chosen in YunragMain.
    }
}
