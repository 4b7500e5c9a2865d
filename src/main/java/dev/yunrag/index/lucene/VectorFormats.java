package dev.yunrag.index.lucene;

import dev.yunrag.index.IndexSettings;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The codec a collection is written with, by its {@link IndexSettings#vectorFormat()}. Quantized formats keep the
 * float32 vectors on disk too (for re-quantizing on merge) but search the quantized copy, which is 4× (int8), 8×
 * (int4) or 32× (binary) smaller. Only the vector field changes; reading needs nothing special, because each segment
 * records its per-field format by name and Lucene finds it by SPI.
 */
final class VectorFormats {

    /** Lucene's HNSW defaults (graph degree 16, construction beam 100), as for float32. */
    private static final int MAX_CONNECTIONS = 16;
    private static final int BEAM_WIDTH = 100;

    private VectorFormats() {
    }

    static Codec codec(String vectorFormat) {
        return codec(vectorFormat, 1, null);
    }

    /**
     * @param mergeWorkers   threads for HNSW graph merges (1: Lucene's default, single-threaded)
     * @param mergeExecutor  runs those threads; null when {@code mergeWorkers} is 1. The same on-disk format either
     *                       way (the format name written is the same), so readers need nothing special
     */
    static Codec codec(String vectorFormat, int mergeWorkers, ExecutorService mergeExecutor) {
        if (IndexSettings.FLOAT32.equals(vectorFormat) && mergeWorkers == 1) {
            return Codec.getDefault();
        }
        KnnVectorsFormat format = IndexSettings.FLOAT32.equals(vectorFormat)
                ? new Lucene99HnswVectorsFormat(MAX_CONNECTIONS, BEAM_WIDTH, mergeWorkers, mergeExecutor)
                : new Lucene104HnswScalarQuantizedVectorsFormat(encoding(vectorFormat), MAX_CONNECTIONS, BEAM_WIDTH,
                        mergeWorkers, mergeExecutor);
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return ChunkFields.VECTOR.equals(field) ? format : super.getKnnVectorsFormatForField(field);
            }
        };
    }

    private static ScalarEncoding encoding(String vectorFormat) {
        return switch (vectorFormat) {
            case "int8" -> ScalarEncoding.UNSIGNED_BYTE;
            case "int4" -> ScalarEncoding.PACKED_NIBBLE;
            case "binary" -> ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE;
            default -> throw new IllegalArgumentException("Unknown vector format '" + vectorFormat + "'");
        };
    }
}
