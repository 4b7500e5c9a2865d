package dev.yunrag.ingest.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.util.Units;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * Generated scans: Chinese and English text rendered with an installed CJK font (fonts-noto-cjk) to images, and those
 * images wrapped into an image-only PDF, a mixed PDF, DOCX, PPTX and XLSX files, and image files. Nothing downloaded.
 */
public final class ScannedFixtures {

    /** The CJK font the fixtures are drawn with; the test setup installs it (fonts-noto-cjk). */
    public static final String FONT = "Noto Sans CJK SC";

    private ScannedFixtures() {
    }

    /**
     * A strip of an A4 page scanned at 150 dpi (1240 pixels wide) with {@code lines} in black, 32 px (15 pt) type:
     * rendered back at 200 dpi it is 43 px, inside the 32-48 px Tesseract's Chinese model reads best (docs).
     */
    public static BufferedImage page(String... lines) {
        requireFont();
        int width = 1240;
        int height = 100 + 56 * lines.length;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(FONT, Font.PLAIN, 32));
            int y = 70;
            for (String line : lines) {
                g.drawString(line, 60, y);
                y += 56;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A small two-colour square, like an icon or a bullet. */
    public static BufferedImage icon(int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setColor(Color.BLUE);
        g.fillOval(side / 4, side / 4, side / 2, side / 2);
        g.dispose();
        return image;
    }

    public static void requireFont() {
        boolean installed = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames()).contains(FONT);
        if (!installed) {
            throw new IllegalStateException("the OCR fixtures need the font " + FONT
                    + ": apt-get install fonts-noto-cjk (./yunrag test installs it)");
        }
    }

    public static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    public static Path imageFile(Path file, BufferedImage image, String format) throws IOException {
        Files.write(file, encode(image, format));
        return file;
    }

    /** A PDF whose pages are only pictures: one A4 page per image, no text layer. */
    public static Path imageOnlyPdf(Path file, List<BufferedImage> pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (BufferedImage image : pages) {
                addImagePage(document, image);
            }
            document.save(file.toFile());
        }
        return file;
    }

    /** Page 1 has a text layer with {@code text}; page 2 is a picture of {@code scanned}. */
    public static Path mixedPdf(Path file, String text, BufferedImage scanned) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage first = new PDPage(PDRectangle.A4);
            document.addPage(first);
            try (PDPageContentStream content = new PDPageContentStream(document, first)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(60, 760);
                content.showText(text);
                content.endText();
            }
            addImagePage(document, scanned);
            document.save(file.toFile());
        }
        return file;
    }

    /** One page per text, each with a line of that text and the same picture at its top (a letterhead). */
    public static Path letterheadPdf(Path file, BufferedImage letterhead, List<String> texts) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (String text : texts) {
                // a copy per page, as scanners and converters write it: the same pixels, not the same PDF object
                PDImageXObject head = LosslessFactory.createFromImage(document, letterhead);
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    float width = page.getMediaBox().getWidth() - 80;
                    content.drawImage(head, 40, 740, width, width * letterhead.getHeight() / letterhead.getWidth());
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(60, 600);
                    content.showText(text);
                    content.endText();
                }
            }
            document.save(file.toFile());
        }
        return file;
    }

    private static void addImagePage(PDDocument document, BufferedImage image) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        PDImageXObject picture = LosslessFactory.createFromImage(document, image);
        float width = page.getMediaBox().getWidth();
        float height = width * image.getHeight() / image.getWidth();
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.drawImage(picture, 0, page.getMediaBox().getHeight() - height, width, height);
        }
    }

    /** A DOCX with a paragraph of {@code text} followed by each of {@code pictures}. */
    public static Path docx(Path file, String text, List<BufferedImage> pictures) throws Exception {
        List<byte[]> encoded = new java.util.ArrayList<>();
        for (BufferedImage picture : pictures) {
            encoded.add(encode(picture, "png"));
        }
        return docxOfPng(file, text, encoded);
    }

    /** A DOCX with a paragraph of {@code text} followed by pictures whose bytes claim to be PNG (they may lie). */
    public static Path docxOfPng(Path file, String text, List<byte[]> pictures) throws Exception {
        try (XWPFDocument document = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            document.createParagraph().createRun().setText(text);
            int n = 0;
            for (byte[] picture : pictures) {
                XWPFRun run = document.createParagraph().createRun();
                run.addPicture(new java.io.ByteArrayInputStream(picture),
                        org.apache.poi.xwpf.usermodel.Document.PICTURE_TYPE_PNG, "figure" + (++n) + ".png",
                        Units.toEMU(400), Units.toEMU(100));
            }
            document.write(out);
        }
        return file;
    }

    /** A PPTX: slide 1 has {@code title} as text, slide 2 only the picture. */
    public static Path pptx(Path file, String title, BufferedImage picture) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow(); OutputStream out = Files.newOutputStream(file)) {
            XSLFSlide first = show.createSlide();
            XSLFTextBox box = first.createTextBox();
            box.setAnchor(new java.awt.Rectangle(50, 50, 600, 100));
            box.setText(title);
            XSLFSlide second = show.createSlide();
            XSLFPictureData data = show.addPicture(encode(picture, "png"), PictureData.PictureType.PNG);
            second.createPicture(data).setAnchor(new java.awt.Rectangle(20, 20, 680,
                    680 * picture.getHeight() / picture.getWidth()));
            show.write(out);
        }
        return file;
    }

    /** An XLSX with {@code cell} in A1 and the picture drawn on the sheet. */
    public static Path xlsx(Path file, String cell, BufferedImage picture) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = workbook.createSheet("表一");
            sheet.createRow(0).createCell(0).setCellValue(cell);
            int index = workbook.addPicture(encode(picture, "png"), XSSFWorkbook.PICTURE_TYPE_PNG);
            XSSFDrawing drawing = sheet.createDrawingPatriarch();
            XSSFClientAnchor anchor = workbook.getCreationHelper().createClientAnchor();
            anchor.setCol1(1);
            anchor.setRow1(2);
            drawing.createPicture(anchor, index).resize();
            workbook.write(out);
        }
        return file;
    }
}
