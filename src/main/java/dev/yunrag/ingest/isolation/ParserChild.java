package dev.yunrag.ingest.isolation;

import dev.yunrag.ingest.DocumentParser;
import dev.yunrag.ingest.IngestFailure;
import dev.yunrag.model.ParsedDocument;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The main class of a parser process: reads its settings from stdin, says it is ready, then parses one file per
 * request with the server's own {@link dev.yunrag.ingest.TikaDocumentParser} and writes the result to stdout. Runs
 * without Quarkus. Whatever libraries print to {@code System.out} goes to stderr, so stdout carries only frames. Ends
 * when stdin closes (the server closed it, or died).
 */
public final class ParserChild {

    private ParserChild() {
    }

    public static void main(String[] args) {
        try {
            serve(UnaryOperator.identity());
        } catch (IOException | RuntimeException e) {
            e.printStackTrace(); // to stderr, which the server keeps the tail of
            System.exit(1);
        }
        System.exit(0); // the server closed stdin: do not wait for threads of abandoned parses
    }

    /** Serves requests with the configured parser as {@code wrap} returns it (tests wrap it to misbehave). */
    public static void serve(UnaryOperator<DocumentParser> wrap) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(System.err);
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DocumentParser parser = wrap.apply(ChildSettings.read(in).parser());
        ParserProtocol.writeReady(out);
        while (true) {
            String file;
            String source;
            try {
                file = ParserProtocol.readString(in, Integer.MAX_VALUE);
                source = ParserProtocol.readString(in, Integer.MAX_VALUE);
            } catch (EOFException serverGone) {
                return;
            }
            // Frames are written whole under the stream's lock: image counts come from the parsing thread.
            try {
                ParsedDocument parsed = parser.parse(Path.of(file), source, images -> imagesRead(out, images));
                synchronized (out) {
                    ParserProtocol.writeParsed(out, parsed);
                }
            } catch (IngestFailure e) {
                synchronized (out) {
                    ParserProtocol.writeFailed(out, e.reason());
                }
            } catch (RuntimeException e) {
                synchronized (out) {
                    ParserProtocol.writeFailed(out, "cannot parse: " + e);
                }
            }
        }
    }

    private static void imagesRead(DataOutputStream out, int images) {
        synchronized (out) {
            try {
                ParserProtocol.writeImagesRead(out, images);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // the server is gone; the parse ends with it
            }
        }
    }
}
