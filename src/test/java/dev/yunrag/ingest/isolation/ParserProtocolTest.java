package dev.yunrag.ingest.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.model.FigureSpan;
import dev.yunrag.model.Heading;
import dev.yunrag.model.PageSpan;
import dev.yunrag.model.ParsedDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A parsed document survives the trip from a parser process whole: pages, headings, metadata and figures. */
class ParserProtocolTest {

    @Test
    void aParsedDocumentWithFiguresReadsBackEqual() throws Exception {
        String text = "第一页的文字。\n扫描件：报销须附发票原件。";
        ParsedDocument sent = new ParsedDocument("scan.pdf", "扫描件", "application/pdf", text,
                List.of(new PageSpan(1, 0, 8), new PageSpan(2, 8, text.length())),
                List.of(new Heading(1, "扫描件", 8)), Map.of("author", "财务部"),
                List.of(new FigureSpan("0123456789abcdef01234567", FigureSpan.OCR, 12, text.length())));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ParserProtocol.writeParsed(new DataOutputStream(bytes), sent);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(ParserProtocol.readKind(in)).isEqualTo(ParserProtocol.PARSED);
        ParsedDocument received = ParserProtocol.readParsed(in, 1 << 20);
        assertThat(received).isEqualTo(sent);
        assertThat(received.figures()).singleElement().extracting(FigureSpan::origin).isEqualTo("ocr");
    }
}
