package dev.yunrag.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.index.IndexedDocument;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DocumentListingTest {

    private static IndexedDocument doc(String source, String title, int chunks, long ingestedAt) {
        return new IndexedDocument("id-" + source, source, title, "text/plain", "h", 100, 0, ingestedAt, 0, chunks,
                Map.of());
    }

    private static final List<IndexedDocument> DOCS = IntStream.rangeClosed(1, 120)
            .mapToObj(i -> doc(String.format("docs/file-%03d.txt", i), i % 10 == 0 ? "Report " + i : null, i % 7,
                    1_000L * i))
            .toList();

    @Test
    void withoutParametersEveryDocumentComesBackSortedByTitle() {
        DocumentListing.Page page = DocumentListing.page(DOCS, null, null, null, 0, null);
        assertThat(page.total()).isEqualTo(120);
        assertThat(page.items()).hasSize(120);
        // untitled documents sort by their source, case-insensitively among the titled ones
        assertThat(page.items().get(0).source()).isEqualTo("docs/file-001.txt");
        assertThat(page.items().get(119).title()).isEqualTo("Report 90");
    }

    @Test
    void queryMatchesTitleOrSourceCaseInsensitivelyAndTheTotalCountsAllMatches() {
        DocumentListing.Page page = DocumentListing.page(DOCS, "  REPORT ", "ingested", "desc", 0, 5);
        assertThat(page.total()).isEqualTo(12);
        assertThat(page.items()).extracting(IndexedDocument::title)
                .containsExactly("Report 120", "Report 110", "Report 100", "Report 90", "Report 80");
        assertThat(DocumentListing.page(DOCS, "file-05", null, null, 0, null).total()).isEqualTo(10);
    }

    @Test
    void offsetAndLimitSliceThePageAndAnOffsetPastTheEndIsEmpty() {
        DocumentListing.Page second = DocumentListing.page(DOCS, null, "source", "asc", 50, 25);
        assertThat(second.items()).hasSize(25);
        assertThat(second.items().get(0).source()).isEqualTo("docs/file-051.txt");
        assertThat(DocumentListing.page(DOCS, null, "source", null, 110, 25).items()).hasSize(10);
        assertThat(DocumentListing.page(DOCS, null, null, null, 500, 25).items()).isEmpty();
    }

    @Test
    void equalKeysAreOrderedBySourceSoPagesNeverOverlap() {
        List<String> all = IntStream.range(0, 6)
                .mapToObj(i -> DocumentListing.page(DOCS, null, "chunks", "asc", i * 20, 20).items())
                .flatMap(List::stream).map(IndexedDocument::source).toList();
        assertThat(all).doesNotHaveDuplicates().hasSize(120);
    }

    @Test
    void badParametersAreClearErrors() {
        assertThatThrownBy(() -> DocumentListing.page(DOCS, null, "colour", null, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title, source");
        assertThatThrownBy(() -> DocumentListing.page(DOCS, null, null, "up", 0, null))
                .hasMessageContaining("asc or desc");
        assertThatThrownBy(() -> DocumentListing.page(DOCS, null, null, null, -1, null))
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> DocumentListing.page(DOCS, null, null, null, 0, 0)).hasMessageContaining("limit");
    }
}
