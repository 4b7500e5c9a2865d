package dev.yunrag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bar says how many images of the file being parsed have been read, until that file is done. */
class ProgressBarImagesTest {

    @Test
    void showsTheImagesReadInTheFileBeingParsed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        bar.started(2, 2000);

        bar.imagesRead("scans/contract.pdf", 1);
        for (int i = 2; i <= 10; i++) {
            bar.imagesRead("scans/contract.pdf", i);
        }
        bar.fileDone("scans/contract.pdf", 1000, 12);
        bar.fileDone("notes.txt", 1000, 3);

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).anyMatch(line -> line.contains("files 0/2") && line.endsWith("images 1 in contract.pdf"));
        assertThat(lines).anyMatch(line -> line.endsWith("images 10 in contract.pdf"));
        assertThat(lines[lines.length - 1]).contains("files 2/2").doesNotContain("images");
    }
}
