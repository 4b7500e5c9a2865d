package dev.yunrag.index.solr;

import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.lucene.Analyzers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The configset YunRAG uploads for one collection (src/main/resources/solr/configset): its solrconfig.xml as is, and
 * its schema with the collection's analyzer and vector field filled in. The analysis is Lucene's own, as the embedded
 * index uses it ({@link Analyzers}): {@code cjk} and {@code smartcn} name the same analyzer classes, and
 * {@code cjk-porter} spells out CJKAnalyzer's chain with possessive removal and Porter stemming added at the end.
 */
final class SolrConfigset {

    private static final String RESOURCES = "/solr/configset/";
    private static final List<String> FILES = List.of("solrconfig.xml", "schema.xml", "stopwords_cjk.txt");

    /** Lucene's HNSW defaults, as the embedded index builds its graphs. */
    static final int HNSW_MAX_CONNECTIONS = 16;
    static final int HNSW_BEAM_WIDTH = 100;

    private SolrConfigset() {
    }

    /** The configset's files, schema filled in for {@code settings}. */
    static Map<String, byte[]> files(IndexSettings settings) {
        if (!IndexSettings.FLOAT32.equals(settings.vectorFormat())) {
            throw new IllegalArgumentException("The Solr backend stores float32 vectors only; collection settings ask"
                    + " for " + settings.vectorFormat() + " (set yunrag.index.vector-format=float32)");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            byte[] content = resource(name);
            if (name.equals("schema.xml")) {
                content = schema(new String(content, StandardCharsets.UTF_8), settings)
                        .getBytes(StandardCharsets.UTF_8);
            }
            files.put(name, content);
        }
        return files;
    }

    /** The configset as the zip that Solr's configset upload takes. */
    static byte[] zip(IndexSettings settings) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files(settings).entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String schema(String template, IndexSettings settings) {
        return template.replace("${text-analyzer}", analyzer(settings.analyzer()))
                .replace("${vector-dimension}", Integer.toString(settings.dimension()))
                .replace("${vector-similarity}", "dot_product")
                .replace("${hnsw-max-connections}", Integer.toString(HNSW_MAX_CONNECTIONS))
                .replace("${hnsw-beam-width}", Integer.toString(HNSW_BEAM_WIDTH));
    }

    /** The analyzer element of the chunk text type; index and query time alike. */
    static String analyzer(String name) {
        return switch (name) {
            case Analyzers.CJK -> "    <analyzer class=\"org.apache.lucene.analysis.cjk.CJKAnalyzer\"/>";
            case Analyzers.SMARTCN -> "    <analyzer class=\"org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer\"/>";
            case Analyzers.CJK_PORTER -> """
                        <analyzer>
                          <charFilter name="cjkWidth"/>
                          <tokenizer name="standard"/>
                          <filter name="lowercase"/>
                          <filter name="cjkBigram"/>
                          <filter name="stop" words="stopwords_cjk.txt"/>
                          <filter name="englishPossessive"/>
                          <filter name="porterStem"/>
                        </analyzer>""";
            default -> throw new IllegalArgumentException("Unknown analyzer '" + name
                    + "' (yunrag.index.analyzer): use one of " + String.join(", ", Analyzers.NAMES));
        };
    }

    private static byte[] resource(String name) {
        try (InputStream in = SolrConfigset.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
