package dev.yunrag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 18, finding 9: {@code ingest --help} printed "default: null" for --collection. */
class IngestHelpTest {

    @Test
    void helpNamesNoNullDefault() {
        String usage = new CommandLine(new IngestCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(usage).contains("--collection").doesNotContain("null");
    }
}
