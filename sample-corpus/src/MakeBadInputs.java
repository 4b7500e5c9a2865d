// Generates the malformed / edge-case ingestion fixtures in src/test/resources/bad-input/ (see the README there).
// Run from the repository root:
//   java -cp "$(cat /tmp/cp.txt)" sample-corpus/src/MakeBadInputs.java          (generate)
//   java -cp "$(cat /tmp/cp.txt)" sample-corpus/src/MakeBadInputs.java --check  (parse each with Tika, report outcome)
// Deterministic: all "random" bytes come from java.util.Random with fixed seeds.
import java.awt.*;
import java.awt.image.BufferedImage;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.zip.*;
import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.*;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.*;
import org.apache.tika.sax.BodyContentHandler;

public class MakeBadInputs {
    static final Path OUT = Paths.get("src/test/resources/bad-input");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--check")) { check(); return; }
        Files.createDirectories(OUT);
        byte[] good = textPdf("This PDF was generated as a test fixture. Its second half has been replaced by junk.");
        // corrupt.pdf: genuine PDF header and first bytes, then garbage; no catalog, no xref, no trailer.
        byte[] corrupt = Arrays.copyOf(good, 2048);
        Random r = new Random(42);
        for (int i = 400; i < corrupt.length; i++) corrupt[i] = (byte) r.nextInt(256);
        Files.write(OUT.resolve("corrupt.pdf"), corrupt);

        // encrypted.pdf: AES-128, user password "yunrag-user", owner password "yunrag-owner".
        try (PDDocument doc = Loader(textPdf("Secret text that must not be extractable without the password."))) {
            StandardProtectionPolicy spp = new StandardProtectionPolicy("yunrag-owner", "yunrag-user", new AccessPermission());
            spp.setEncryptionKeyLength(128);
            spp.setPreferAES(true);
            doc.protect(spp);
            doc.save(OUT.resolve("encrypted.pdf").toFile());
        }

        Files.write(OUT.resolve("empty.txt"), new byte[0]);
        Files.write(OUT.resolve("random.docx"), random(4096, 7));
        Files.write(OUT.resolve("unsupported.bin"), random(4096, 11));

        // image.png: a small picture, no text.
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 110, 200)); g.fillRect(0, 0, 64, 64);
        g.setColor(Color.ORANGE); g.fillOval(12, 12, 40, 40);
        g.dispose();
        ImageIO.write(img, "png", OUT.resolve("image.png").toFile());

        scanned();
        zipbomb();
        System.out.println("done");
    }

    static PDDocument Loader(byte[] b) throws IOException { return org.apache.pdfbox.Loader.loadPDF(b); }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] textPdf(String text) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream bos = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(60, 760);
                cs.showText(text);
                cs.endText();
            }
            doc.save(bos);
            return bos.toByteArray();
        }
    }

    // scanned.pdf: one page whose only content is a bitmap (text rendered into pixels); no text layer, no fonts.
    static void scanned() throws IOException {
        int w = 850, h = 1100;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE); g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 28));
        String[] lines = {"SCANNED DOCUMENT", "This page is an image only.", "There is no text layer:", "an extractor should find no text here."};
        for (int i = 0; i < lines.length; i++) g.drawString(lines[i], 80, 150 + i * 50);
        g.drawRect(60, 100, 730, 240);
        g.dispose();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            PDImageXObject x = LosslessFactory.createFromImage(doc, img);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(x, 0, 0, PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight());
            }
            doc.save(OUT.resolve("scanned.pdf").toFile());
        }
    }

    // zipbomb.docx: structurally valid DOCX whose word/document.xml inflates to ~50 MB of repeated paragraphs.
    static void zipbomb() throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(OUT.resolve("zipbomb.docx")))) {
            z.setLevel(9);
            entry(z, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                </Types>
                """.getBytes(StandardCharsets.UTF_8));
            entry(z, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                </Relationships>
                """.getBytes(StandardCharsets.UTF_8));
            ZipEntry e = new ZipEntry("word/document.xml");
            e.setTime(1735689600000L);
            z.putNextEntry(e);
            z.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>")
                    .getBytes(StandardCharsets.UTF_8));
            // 50 paragraphs of 1 MiB each of "zip " repeated: a period of 4 bytes lets deflate use distance-4
            // matches with no extra bits, so ~50 MB shrinks to roughly 50 KB (ratio ~1000:1).
            byte[] chunk = "zip ".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII); // 64 KiB
            for (int p = 0; p < 50; p++) {
                z.write("<w:p><w:r><w:t xml:space=\"preserve\">".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 16; i++) z.write(chunk);
                z.write("</w:t></w:r></w:p>".getBytes(StandardCharsets.UTF_8));
            }
            z.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
    }

    static void entry(ZipOutputStream z, String name, byte[] b) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(1735689600000L);
        z.putNextEntry(e);
        z.write(b);
        z.closeEntry();
    }

    static void check() throws Exception {
        AutoDetectParser parser = new AutoDetectParser();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(OUT)) {
            java.util.List<Path> files = new ArrayList<>();
            ds.forEach(files::add);
            Collections.sort(files);
            for (Path p : files) {
                String n = p.getFileName().toString();
                if (n.equals("README.md")) continue;
                Metadata md = new Metadata();
                md.set(TikaCoreProperties.RESOURCE_NAME_KEY, n);
                BodyContentHandler h = new BodyContentHandler(-1);
                String outcome;
                try (InputStream in = Files.newInputStream(p)) {
                    parser.parse(in, h, md, new ParseContext());
                    String t = h.toString().strip();
                    outcome = "parsed OK, text chars=" + t.length() + (t.isEmpty() ? "" : " text=\"" + t.substring(0, Math.min(60, t.length())) + "\"");
                } catch (Throwable ex) {
                    Throwable c = ex;
                    StringBuilder chain = new StringBuilder(ex.getClass().getSimpleName() + ": " + ex.getMessage());
                    while (c.getCause() != null && c.getCause() != c) { c = c.getCause(); chain.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()); }
                    outcome = "EXCEPTION " + chain;
                }
                System.out.printf("%-16s %7d bytes  type=%s%n    %s%n", n, Files.size(p), md.get(Metadata.CONTENT_TYPE), outcome);
            }
        }
    }
}
