package dev.yunrag.cli;

import picocli.CommandLine.Command;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Ingest documents into a collection.")
public class IngestCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("under construction");
    }
}
