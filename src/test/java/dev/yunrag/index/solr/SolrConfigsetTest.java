package dev.yunrag.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.index.IndexSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class SolrConfigsetTest {

    @Test
    void theSchemaCarriesTheCollectionsDimensionSimilarityHnswParametersAndAnalyzer() {
        String schema = new String(SolrConfigset.files(new IndexSettings("bge-small-zh-v1.5", 512, "smartcn"))
                .get("schema.xml"), StandardCharsets.UTF_8);
        assertThat(schema).contains("vectorDimension=\"512\"").contains("similarityFunction=\"dot_product\"")
                .contains("hnswMaxConnections=\"16\"").contains("hnswBeamWidth=\"100\"")
                .contains("org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer").doesNotContain("${");
        String porter = new String(SolrConfigset.files(new IndexSettings("m", 1024, "cjk-porter"))
                .get("schema.xml"), StandardCharsets.UTF_8);
        assertThat(porter).contains("vectorDimension=\"1024\"").contains("name=\"cjkBigram\"")
                .contains("name=\"porterStem\"").doesNotContain("${");
    }

    @Test
    void theUploadIsAZipOfSolrconfigSchemaAndStopWords() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(
                SolrConfigset.zip(new IndexSettings("m", 64, "cjk"))))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).containsExactly("solrconfig.xml", "schema.xml", "stopwords_cjk.txt");
    }

    @Test
    void quantizedVectorsAndUnknownAnalyzersAreRefusedWithTheSettingToChange() {
        assertThatThrownBy(() -> SolrConfigset.files(new IndexSettings("m", 64, "cjk", "int8")))
                .hasMessageContaining("float32").hasMessageContaining("yunrag.index.vector-format");
        assertThatThrownBy(() -> SolrConfigset.analyzer("klingon")).hasMessageContaining("yunrag.index.analyzer");
    }

    @Test
    void aDocumentIdWithRoutingCharactersKeepsOneRoutingLevel() {
        assertThat(SolrRecords.route("a!b")).isEqualTo("a%21b!");
        assertThat(SolrRecords.ledgerId("a!b", "w1")).isEqualTo("a%21b!w1.doc");
        assertThat(SolrRecords.route("a%21b")).isNotEqualTo(SolrRecords.route("a!b"));
    }

    @Test
    void filterValuesAreEscapedSoTheyCannotChangeTheQuery() {
        assertThat(SolrQueries.term("source", "a) OR (*:*")).isEqualTo("source:a\\)\\ OR\\ \\(\\*\\:\\*");
        assertThat(SolrQueries.bm25("年假 OR x:y")).isEqualTo("text:(年假\\ OR\\ x\\:y) context:(年假\\ OR\\ x\\:y)^0.3");
    }
}
