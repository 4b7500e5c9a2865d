package dev.yunrag.ingest.isolation;

import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.ingest.ZipExpansionLimits;
import dev.yunrag.ingest.image.ImageReading;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a parser process needs to build the server's {@link TikaDocumentParser}: the limits, and how images are read
 * ({@code images} null: not at all, for {@code imagesOffReason}). Sent as the first frame on the child's stdin.
 *
 * @param parseTimeout the child's own timeout, longer than the server's hard one, so that the server kills first
 */
record ChildSettings(long maxFileBytes, Duration parseTimeout, int maxTextChars, ZipExpansionLimits zipLimits,
                     String imagesOffReason, ChildImages images, Path dataDir) {

    private static final int MAX_SETTING_BYTES = 64 * 1024;

    TikaDocumentParser parser() {
        ImageReading reading = images == null ? ImageReading.off(imagesOffReason)
                : ImageReading.fromConfig(images, dataDir, Optional.empty());
        TikaDocumentParser.loadParsers(); // before the child says it is ready: not charged to the first file's timeout
        return new TikaDocumentParser(maxFileBytes, parseTimeout, maxTextChars, reading, zipLimits);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(maxFileBytes);
        out.writeLong(parseTimeout.toMillis());
        out.writeInt(maxTextChars);
        out.writeLong(zipLimits.maxExpandedBytes());
        out.writeInt(zipLimits.maxRatio());
        ParserProtocol.writeString(out, imagesOffReason);
        ParserProtocol.writeString(out, dataDir.toAbsolutePath().toString());
        out.writeBoolean(images != null);
        if (images != null) {
            ParserProtocol.writeString(out, images.mode());
            ParserProtocol.writeString(out, images.ocrLanguages());
            ParserProtocol.writeString(out, images.tesseractPath().orElse(null));
            out.writeInt(images.pageMinChars());
            out.writeInt(images.pageDpi());
            out.writeInt(images.minSide());
            out.writeInt(images.minPixels());
            out.writeInt(images.maxSide());
            out.writeInt(images.maxPerDocument());
            out.writeLong(images.ocrTimeout().toMillis());
            ParserProtocol.writeString(out, images.visionModel());
            out.writeInt(images.visionMaxSide());
            out.writeLong(images.ocrTimePerDocument().toMillis());
        }
        out.flush();
    }

    static ChildSettings read(DataInputStream in) throws IOException {
        long maxFileBytes = in.readLong();
        Duration timeout = Duration.ofMillis(in.readLong());
        int maxTextChars = in.readInt();
        ZipExpansionLimits zipLimits = new ZipExpansionLimits(in.readLong(), in.readInt());
        String offReason = string(in);
        Path dataDir = Path.of(string(in));
        ChildImages images = null;
        if (in.readBoolean()) {
            images = new ChildImages(string(in), string(in), Optional.ofNullable(string(in)), in.readInt(),
                    in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                    Duration.ofMillis(in.readLong()), string(in), in.readInt(), Duration.ofMillis(in.readLong()));
        }
        return new ChildSettings(maxFileBytes, timeout, maxTextChars, zipLimits, offReason, images, dataDir);
    }

    private static String string(DataInputStream in) throws IOException {
        return ParserProtocol.readString(in, MAX_SETTING_BYTES);
    }
}
