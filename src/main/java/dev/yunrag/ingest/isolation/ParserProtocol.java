package dev.yunrag.ingest.isolation;

import dev.yunrag.model.FigureSpan;
import dev.yunrag.model.Heading;
import dev.yunrag.model.PageSpan;
import dev.yunrag.model.ParsedDocument;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames a parser process and the server exchange over the child's stdin and stdout: the settings once, then a
 * request (file and source) and its response (a parsed document or a failure reason) at a time; before the response,
 * any number of {@link #IMAGES_READ} frames say how many images of the file have been read so far (for the ingest
 * progress bar). Every frame from the
 * child starts with {@link #MAGIC}, so stray bytes a library prints to stdout read as a broken child, never as data.
 * Strings are UTF-8 with an int length (-1 for null); lengths are checked against a bound before anything is
 * allocated for them.
 */
final class ParserProtocol {

    /** "YRP1": starts every frame the child sends. */
    static final int MAGIC = 0x59525031;
    static final byte READY = 0;
    static final byte PARSED = 1;
    static final byte FAILED = 2;
    /** Progress while a file is parsed: an int, the images and scanned pages read so far. */
    static final byte IMAGES_READ = 3;

    private ParserProtocol() {
    }

    static void writeRequest(DataOutputStream out, String file, String source) throws IOException {
        writeString(out, file);
        writeString(out, source);
        out.flush();
    }

    static void writeReady(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(READY);
        out.flush();
    }

    static void writeParsed(DataOutputStream out, ParsedDocument document) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(PARSED);
        writeString(out, document.source());
        writeString(out, document.title());
        writeString(out, document.contentType());
        writeString(out, document.text());
        out.writeInt(document.pages().size());
        for (PageSpan page : document.pages()) {
            out.writeInt(page.page());
            out.writeInt(page.start());
            out.writeInt(page.end());
        }
        out.writeInt(document.headings().size());
        for (Heading heading : document.headings()) {
            out.writeInt(heading.level());
            writeString(out, heading.title());
            out.writeInt(heading.offset());
        }
        out.writeInt(document.metadata().size());
        for (Map.Entry<String, String> entry : document.metadata().entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
        out.writeInt(document.figures().size());
        for (FigureSpan figure : document.figures()) {
            writeString(out, figure.figure());
            writeString(out, figure.origin());
            out.writeInt(figure.start());
            out.writeInt(figure.end());
        }
        out.flush();
    }

    static void writeImagesRead(DataOutputStream out, int images) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(IMAGES_READ);
        out.writeInt(images);
        out.flush();
    }

    static void writeFailed(DataOutputStream out, String reason) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(FAILED);
        writeString(out, reason);
        out.flush();
    }

    /** Reads the kind of the next frame from the child, checking its magic number. */
    static byte readKind(DataInputStream in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("not a parser frame (0x" + Integer.toHexString(magic) + ")");
        }
        return in.readByte();
    }

    static ParsedDocument readParsed(DataInputStream in, int maxStringBytes) throws IOException {
        String source = readString(in, maxStringBytes);
        String title = readString(in, maxStringBytes);
        String contentType = readString(in, maxStringBytes);
        String text = readString(in, maxStringBytes);
        int pageCount = count(in, maxStringBytes);
        List<PageSpan> pages = new ArrayList<>(pageCount);
        for (int i = 0; i < pageCount; i++) {
            pages.add(new PageSpan(in.readInt(), in.readInt(), in.readInt()));
        }
        int headingCount = count(in, maxStringBytes);
        List<Heading> headings = new ArrayList<>(headingCount);
        for (int i = 0; i < headingCount; i++) {
            headings.add(new Heading(in.readInt(), readString(in, maxStringBytes), in.readInt()));
        }
        int metadataCount = count(in, maxStringBytes);
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < metadataCount; i++) {
            metadata.put(readString(in, maxStringBytes), readString(in, maxStringBytes));
        }
        int figureCount = count(in, maxStringBytes);
        List<FigureSpan> figures = new ArrayList<>(figureCount);
        for (int i = 0; i < figureCount; i++) {
            figures.add(new FigureSpan(readString(in, maxStringBytes), readString(in, maxStringBytes), in.readInt(),
                    in.readInt()));
        }
        return new ParsedDocument(source, title, contentType, text, pages, headings, metadata, figures);
    }

    static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in, int maxBytes) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > maxBytes) {
            throw new IOException("parser frame string of " + length + " bytes, over the bound of " + maxBytes);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in, int bound) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > bound) {
            throw new IOException("parser frame count " + count + " out of bounds");
        }
        return count;
    }
}
