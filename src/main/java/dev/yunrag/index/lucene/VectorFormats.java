package dev.yunrag.index.lucene;

import dev.yunrag.index.IndexSettings;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
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
        if (IndexSettings.FLOAT32.equals(vectorFormat)) {
            return Codec.getDefault();
        }
        KnnVectorsFormat quantized = new Lucene104HnswScalarQuantizedVectorsFormat(encoding(vectorFormat),
                MAX_CONNECTIONS, BEAM_WIDTH);
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return ChunkFields.VECTOR.equals(field) ? quantized : super.getKnnVectorsFormatForField(field);
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
