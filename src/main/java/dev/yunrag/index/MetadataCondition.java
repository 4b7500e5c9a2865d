package dev.yunrag.index;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Comparisons on a document's indexed facts, joined by AND or OR: the general form of a metadata filter (Dify's
 * {@code metadata_condition} maps onto it). Each {@link Comparison} names a {@link Field} and an {@link Operator};
 * text fields take text values, {@link Field#MODIFIED} takes instants.
 *
 * @param any         true: a passage matches when any comparison holds (OR); false: when all hold (AND)
 * @param comparisons at least one
 */
public record MetadataCondition(boolean any, List<Comparison> comparisons) {

    public MetadataCondition {
        comparisons = List.copyOf(comparisons);
        if (comparisons.isEmpty()) {
            throw new IllegalArgumentException("A metadata condition needs at least one comparison.");
        }
    }

    /** The document facts that are indexed for filtering. */
    public enum Field {
        /** The document's source path (relative to its ingestion root) or upload name. */
        SOURCE(false),
        /** The document's media type, e.g. {@code application/pdf}. */
        CONTENT_TYPE(false),
        /** When the file was last modified. */
        MODIFIED(true);

        private final boolean time;

        Field(boolean time) {
            this.time = time;
        }

        public boolean isTime() {
            return time;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a field is compared with the value(s). */
    public enum Operator {
        CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, IS, IS_NOT, IN, NOT_IN, EMPTY, NOT_EMPTY,
        EQUAL, NOT_EQUAL, GREATER, LESS, GREATER_OR_EQUAL, LESS_OR_EQUAL, BEFORE, AFTER;

        /** Operators that compare text (not instants). */
        public boolean onText() {
            return ordinal() <= NOT_EMPTY.ordinal();
        }

        /** Operators that take no value. */
        public boolean takesNoValue() {
            return this == EMPTY || this == NOT_EMPTY;
        }
    }

    /**
     * One comparison.
     *
     * @param field    which fact
     * @param operator how
     * @param texts    the values for a text field (one, or several for IN / NOT_IN); empty for EMPTY / NOT_EMPTY
     * @param instant  the value for {@link Field#MODIFIED}
     */
    public record Comparison(Field field, Operator operator, List<String> texts, Instant instant) {

        public Comparison {
            texts = texts == null ? List.of() : List.copyOf(texts);
        }
    }
}
