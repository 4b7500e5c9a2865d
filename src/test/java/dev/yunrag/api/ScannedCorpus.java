package dev.yunrag.api;

import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.ingest.image.ScannedFixtures;
import dev.yunrag.model.PageSpan;
import dev.yunrag.model.ParsedDocument;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A scanned copy of sample-corpus/: every document as an image-only PDF named {@code <original name>.pdf}. PDFs are
 * rendered page by page (150 dpi, grey), so their page numbers stay; the other formats have no renderer in Java, so
 * their parsed text is printed (Noto Sans CJK, 12 pt at 150 dpi, A4) one page per slide or as it fills pages: what a
 * scan of a printout holds.
 */
final class ScannedCorpus {

    private static final int DPI = 150;
    private static final int WIDTH = 1240;
    private static final int HEIGHT = 1754;
    private static final int MARGIN = 110;
    private static final int FONT_PX = 25;
    private static final int LINE_PX = 42;

    private ScannedCorpus() {
    }

    /** Writes the scanned copy of {@code documents} to {@code target}; returns the number of pages written. */
    static int write(List<Path> documents, Path target) throws Exception {
        Files.createDirectories(target);
        TikaDocumentParser parser = new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 20_000_000);
        int pages = 0;
        for (Path document : documents) {
            List<BufferedImage> images = document.toString().endsWith(".pdf") ? render(document)
                    : print(parser.parse(document, document.getFileName().toString()));
            ScannedFixtures.imageOnlyPdf(target.resolve(document.getFileName() + ".pdf"), images);
            pages += images.size();
        }
        return pages;
    }

    private static List<BufferedImage> render(Path pdf) throws Exception {
        List<BufferedImage> pages = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                pages.add(renderer.renderImageWithDPI(i, DPI, ImageType.GRAY));
            }
        }
        return pages;
    }

    /** The parsed text laid out on A4 pages; a paged format (slides) keeps one page per page. */
    private static List<BufferedImage> print(ParsedDocument doc) {
        List<BufferedImage> pages = new ArrayList<>();
        if (doc.pages().isEmpty()) {
            layOut(doc.text(), pages);
        } else {
            for (PageSpan span : doc.pages()) {
                List<BufferedImage> one = new ArrayList<>();
                layOut(doc.text().substring(span.start(), span.end()), one);
                pages.addAll(one.isEmpty() ? List.of(blank()) : one);
            }
        }
        return pages;
    }

    private static void layOut(String text, List<BufferedImage> pages) {
        ScannedFixtures.requireFont();
        Font font = new Font(ScannedFixtures.FONT, Font.PLAIN, FONT_PX);
        BufferedImage page = null;
        Graphics2D g = null;
        int y = 0;
        for (String line : wrap(text, font)) {
            if (page == null || y + LINE_PX > HEIGHT - MARGIN) {
                if (g != null) {
                    g.dispose();
                }
                page = blank();
                pages.add(page);
                g = page.createGraphics();
                g.setColor(Color.BLACK);
                g.setFont(font);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                y = MARGIN;
            }
            y += LINE_PX;
            g.drawString(line, MARGIN, y);
        }
        if (g != null) {
            g.dispose();
        }
    }

    private static BufferedImage blank() {
        BufferedImage page = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.dispose();
        return page;
    }

    /** Lines that fit the text width, breaking between characters (CJK) or at spaces (Latin words). */
    private static List<String> wrap(String text, Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scratch.createGraphics();
        FontMetrics metrics = g.getFontMetrics(font);
        g.dispose();
        int width = WIDTH - 2 * MARGIN;
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            int lastSpace = -1;
            for (int i = 0; i < paragraph.length(); i++) {
                char c = paragraph.charAt(i);
                line.append(c);
                if (c == ' ') {
                    lastSpace = line.length() - 1;
                }
                if (metrics.stringWidth(line.toString()) > width) {
                    int cut = lastSpace > 0 && !Character.isIdeographic(c) ? lastSpace : line.length() - 1;
                    lines.add(line.substring(0, cut).stripTrailing());
                    line.delete(0, cut);
                    lastSpace = -1;
                    while (!line.isEmpty() && line.charAt(0) == ' ') {
                        line.deleteCharAt(0);
                    }
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    static int dpi() {
        return DPI;
    }
}
