package dev.yunrag.retrieve;

import dev.yunrag.index.IndexSettings;
import dev.yunrag.model.ScoredChunk;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the search stage found for one query.
 *
 * @param collection    the searched collection's settings (its embedding model decides the token counter and the
 *                      language's ranking defaults)
 * @param bm25          BM25 hits, best first, each with its {@code bm25Rank}
 * @param vector        kNN hits, best first, each with its {@code vectorRank} (empty when embedding failed)
 * @param crossLanguage the vector hits were found by a question moved across languages ({@link CrossLanguageSearch}):
 *                      BM25 and lexical reranking mean nothing then
 * @param timings       milliseconds of the branches ({@code bm25}, {@code embed}, {@code vector}, and
 *                      {@code crossLanguage} when moved), to 0.01 ms
 * @param warnings      degradations (an embedding model that is down)
 */
public record Candidates(IndexSettings collection, List<ScoredChunk> bm25, List<ScoredChunk> vector,
                         boolean crossLanguage, Map<String, Double> timings, List<String> warnings) {

    public Candidates {
        bm25 = List.copyOf(bm25);
        vector = List.copyOf(vector);
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        warnings = List.copyOf(warnings);
    }
}
