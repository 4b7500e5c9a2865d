package dev.yunrag.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Decompression bombs for tests outside this package. */
public final class ZipBombFixtures {

    private ZipBombFixtures() {
    }

    /** A DOCX of {@code paragraphs} × 100 000 letters whose central directory declares its XML part 1000 bytes. */
    public static Path lyingDocx(Path target, int paragraphs) throws IOException {
        DocxBombStreamingTest.bombDocx(target, paragraphs);
        declareSize(target, "word/document.xml", 1000);
        return target;
    }

    /** Rewrites the uncompressed size the central directory declares for {@code name} (a lying ZIP). */
    static void declareSize(Path zip, String name, int size) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = bytes.length - 46; i >= 0; i--) {
            if (buffer.getInt(i) == 0x02014b50 && (buffer.getShort(i + 28) & 0xffff) == wanted.length
                    && Arrays.equals(bytes, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
                buffer.putInt(i + 24, size);
                Files.write(zip, bytes);
                return;
            }
        }
        throw new IllegalStateException(name + " not in the central directory of " + zip);
    }
}
