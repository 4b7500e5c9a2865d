package dev.yunrag.index.solr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.lucene.Analyzers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chunk text of a Solr collection is analysed exactly as the embedded index analyses it: for each analyzer
 * YunRAG offers, Solr 9's analysis of mixed Chinese, English and full-width text (its field analysis API, on the
 * collection YunRAG created) yields the same terms as the Lucene 10 analyzer in this JVM.
 */
@Tag("slow")
@Tag("solr")
@ExtendWith(SolrCloudExtension.class)
class SolrAnalysisParityTest {

    private static final List<String> TEXTS = List.of(
            "员工每年享有十五天带薪年假，須提前三個工作日申請。",
            "The employees' claims were CLAIMED quickly; running runners ran.",
            "ＡＢＣ全角字母与ｆｕｌｌ－ｗｉｄｔｈ数字１２３混排，v2.1 版本的 API 文档。");

    @Test
    void solrAnalysesChunkTextAsTheEmbeddedIndexDoesForEveryAnalyzer(LocalSolrCloud cloud) throws Exception {
        try (SolrCollectionCatalog catalog = SolrCollectionCatalog.connect(cloud.settings(1, 1))) {
            for (String analyzer : Analyzers.NAMES) {
                String collection = "parity-" + analyzer;
                catalog.drop(collection);
                catalog.openOrCreate(collection, new IndexSettings("hashing-8", 8, analyzer));
                try (SolrClient client = SolrClients.client(cloud.settings(1, 1))) {
                    for (String text : TEXTS) {
                        List<String> expected = terms(Analyzers.text(analyzer), text);
                        assertThat(solrTerms(client, collection, text)).as("%s on %s", analyzer, text)
                                .isNotEmpty().isEqualTo(expected);
                    }
                } finally {
                    catalog.drop(collection);
                }
            }
        }
    }

    private static List<String> terms(Analyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (var tokens = analyzer.tokenStream("text", text)) {
            var term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        }
        return terms;
    }

    /** The terms of the last analysis stage Solr reports for the chunk text type at index time. */
    @SuppressWarnings("unchecked")
    private static List<String> solrTerms(SolrClient client, String collection, String text) throws Exception {
        ModifiableSolrParams params = new ModifiableSolrParams();
        params.set("analysis.fieldtype", "chunk_text");
        params.set("analysis.fieldvalue", text);
        NamedList<Object> response = client.request(new GenericSolrRequest(SolrRequest.METHOD.GET,
                "/analysis/field", params), collection);
        NamedList<Object> index = (NamedList<Object>) response.findRecursive("analysis", "field_types", "chunk_text",
                "index");
        List<NamedList<Object>> last = (List<NamedList<Object>>) index.getVal(index.size() - 1);
        List<String> terms = new ArrayList<>();
        for (NamedList<Object> token : last) {
            terms.add(token.get("text").toString());
        }
        return terms;
    }
}
