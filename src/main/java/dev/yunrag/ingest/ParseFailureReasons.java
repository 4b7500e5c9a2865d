package dev.yunrag.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.ZeroByteFileException;

/** Turns whatever a parse threw into a short reason a user can act on: no stack traces, no class names if avoidable. */
final class ParseFailureReasons {

    static final String ENCRYPTED = "encrypted document (password protected)";
    static final String NO_TEXT = "no extractable text";
    static final String NO_TEXT_PDF = NO_TEXT + " (scanned PDF without a text layer?)";
    static final String EMPTY = "empty file";

    private static final int MAX_CAUSE_LENGTH = 200;
    private static final Pattern TIKA_NESTING_LIMIT = Pattern.compile("(\\d+) levels of XML element nesting");
    private static final Pattern DEPTH_LIMIT = Pattern.compile("exceeds the limit \"(\\d+)\"");

    private ParseFailureReasons() {
    }

    static IngestFailure from(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EncryptedDocumentException) {
                return new IngestFailure(ENCRYPTED, failure);
            }
            if (t instanceof ZeroByteFileException) {
                return new IngestFailure(EMPTY, failure);
            }
            if (t instanceof StructuredTextBuilder.TextLimitExceeded) {
                return new IngestFailure(t.getMessage(), failure);
            }
            String message = t.getMessage();
            Matcher nesting = message == null ? null : TIKA_NESTING_LIMIT.matcher(message);
            if (nesting != null && nesting.find()) {
                // Tika's streaming checks call deep nesting a "zip bomb" too ("Suspected zip bomb: 100 levels of XML
                // element nesting", e.g. tables in tables of a DOCX read by SAX): say what it is, as for the JDK's.
                return new IngestFailure("nested too deeply (over " + nesting.group(1)
                        + " levels; Tika's XML nesting limit)", failure);
            }
            if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("zip bomb")) {
                // Tika says "Suspected zip bomb: 19106 input bytes produced 2000032 output characters"
                String detail = shorten(message).replaceFirst("(?i)^.*?zip bomb:?\\s*", "");
                return new IngestFailure("suspected zip bomb" + (detail.isEmpty() ? "" : ": " + detail), failure);
            }
            if (message != null && message.contains("jdk.xml.maxElementDepth")) {
                // The JDK's XML parser refuses elements nested deeper than its limit (100 by default): say so plainly.
                Matcher limit = DEPTH_LIMIT.matcher(message);
                return new IngestFailure("nested too deeply (" + (limit.find() ? "over " + limit.group(1) + " levels; "
                        : "") + "jdk.xml.maxElementDepth)", failure);
            }
            if (message != null && isPasswordMessage(message)) {
                return new IngestFailure(ENCRYPTED, failure);
            }
        }
        return new IngestFailure("cannot parse: " + shortCause(failure), failure);
    }

    private static boolean isPasswordMessage(String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("password") && (lower.contains("encrypt") || lower.contains("protected"));
    }

    /** The innermost cause that has a message: Tika's wrappers say "TIKA-198: Illegal IOException from ...". */
    private static String shortCause(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                innermost = t;
            }
        }
        String message = innermost.getMessage();
        if (message == null || message.isBlank()) {
            return innermost.getClass().getSimpleName();
        }
        return shorten(message);
    }

    private static String shorten(String message) {
        String firstLine = message.strip().lines().findFirst().orElse("");
        return firstLine.length() <= MAX_CAUSE_LENGTH ? firstLine : firstLine.substring(0, MAX_CAUSE_LENGTH) + "...";
    }
}
