package dev.yunrag.api.dify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.index.MetadataCondition;
import dev.yunrag.index.MetadataCondition.Comparison;
import dev.yunrag.index.MetadataCondition.Field;
import dev.yunrag.index.MetadataCondition.Operator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dify's {@code metadata_condition} as our {@link MetadataCondition}. Filterable names: {@code source},
 * {@code content_type} (text) and {@code modified} (a time: a number is Unix seconds, as Dify stores time metadata;
 * a string is an ISO date or instant). Every comparison operator of the spec is accepted; a name given as an array
 * (the older spec's form) becomes one comparison per name.
 */
final class DifyConditions {

    private static final Map<String, Operator> OPERATORS = Map.ofEntries(
            Map.entry("contains", Operator.CONTAINS), Map.entry("not contains", Operator.NOT_CONTAINS),
            Map.entry("start with", Operator.STARTS_WITH), Map.entry("end with", Operator.ENDS_WITH),
            Map.entry("is", Operator.IS), Map.entry("is not", Operator.IS_NOT),
            Map.entry("in", Operator.IN), Map.entry("not in", Operator.NOT_IN),
            Map.entry("empty", Operator.EMPTY), Map.entry("not empty", Operator.NOT_EMPTY),
            // The older spec's value-less operators, meaning the same as empty / not empty.
            Map.entry("null", Operator.EMPTY), Map.entry("not null", Operator.NOT_EMPTY),
            Map.entry("=", Operator.EQUAL), Map.entry("≠", Operator.NOT_EQUAL), Map.entry("!=", Operator.NOT_EQUAL),
            Map.entry(">", Operator.GREATER), Map.entry("<", Operator.LESS),
            Map.entry("≥", Operator.GREATER_OR_EQUAL), Map.entry(">=", Operator.GREATER_OR_EQUAL),
            Map.entry("≤", Operator.LESS_OR_EQUAL), Map.entry("<=", Operator.LESS_OR_EQUAL),
            Map.entry("before", Operator.BEFORE), Map.entry("after", Operator.AFTER));

    private DifyConditions() {
    }

    /** Null when the request has no condition (absent, null, or no conditions). */
    static MetadataCondition parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new DifyError.Invalid("metadata_condition must be an object.");
        }
        String logical = node.path("logical_operator").asText("and").toLowerCase(Locale.ROOT);
        if (!logical.equals("and") && !logical.equals("or")) {
            throw new DifyError.Invalid("metadata_condition.logical_operator must be 'and' or 'or', was '"
                    + logical + "'.");
        }
        JsonNode conditions = node.get("conditions");
        if (conditions == null || conditions.isNull() || (conditions.isArray() && conditions.isEmpty())) {
            return null;
        }
        if (!conditions.isArray()) {
            throw new DifyError.Invalid("metadata_condition.conditions must be an array.");
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (JsonNode condition : conditions) {
            comparisons.addAll(comparisons(condition));
        }
        return new MetadataCondition(logical.equals("or"), comparisons);
    }

    private static List<Comparison> comparisons(JsonNode condition) {
        String op = condition.path("comparison_operator").asText("");
        Operator operator = OPERATORS.get(op.strip().toLowerCase(Locale.ROOT));
        if (operator == null) {
            throw new DifyError.Invalid("Unknown comparison_operator '" + op + "'; the spec's operators are "
                    + "contains, not contains, start with, end with, is, is not, in, not in, empty, not empty, "
                    + "=, ≠, >, <, ≥, ≤, before, after.");
        }
        List<Comparison> out = new ArrayList<>();
        for (String name : names(condition.get("name"))) {
            out.add(comparison(field(name), operator, condition.get("value")));
        }
        return out;
    }

    private static List<String> names(JsonNode name) {
        if (name != null && name.isTextual()) {
            return List.of(name.asText());
        }
        if (name != null && name.isArray() && !name.isEmpty()) {
            List<String> names = new ArrayList<>();
            name.forEach(n -> names.add(n.asText()));
            return names;
        }
        throw new DifyError.Invalid("Each condition needs a name (the metadata field): source, content_type or"
                + " modified.");
    }

    private static Field field(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "source" -> Field.SOURCE;
            case "content_type" -> Field.CONTENT_TYPE;
            case "modified" -> Field.MODIFIED;
            default -> throw new DifyError.Invalid("Metadata field '" + name + "' cannot be filtered on; the"
                    + " filterable fields are source, content_type and modified.");
        };
    }

    private static Comparison comparison(Field field, Operator operator, JsonNode value) {
        if (operator.takesNoValue()) {
            return new Comparison(field, operator, List.of(), null);
        }
        if (value == null || value.isNull()) {
            throw new DifyError.Invalid("The condition on " + field.key() + " needs a value.");
        }
        if (field.isTime()) {
            if (operator.onText() && operator != Operator.IS && operator != Operator.IS_NOT) {
                throw new DifyError.Invalid("'" + operator.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + "' compares text; modified is a time: use =, ≠, >, <, ≥, ≤, before or after.");
            }
            return new Comparison(field, operator, List.of(), instant(value));
        }
        if (!operator.onText()) {
            throw new DifyError.Invalid(field.key() + " is text: use contains, not contains, start with, end with,"
                    + " is, is not, in, not in, empty or not empty.");
        }
        List<String> texts = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> texts.add(v.asText()));
        } else {
            texts.add(value.asText());
        }
        if (texts.isEmpty() || ((operator != Operator.IN && operator != Operator.NOT_IN) && texts.size() != 1)) {
            throw new DifyError.Invalid("The condition on " + field.key() + " needs "
                    + (operator == Operator.IN || operator == Operator.NOT_IN ? "at least one value." : "one value."));
        }
        return new Comparison(field, operator, texts, null);
    }

    /** A number is Unix seconds (Dify's time metadata); a string an ISO date, an ISO instant or Unix seconds. */
    static Instant instant(JsonNode value) {
        if (value.isNumber()) {
            return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
        }
        String text = value.asText().strip();
        try {
            if (text.matches("-?\\d+(\\.\\d+)?")) {
                return Instant.ofEpochMilli(Math.round(Double.parseDouble(text) * 1000));
            }
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new DifyError.Invalid("modified must be compared with Unix seconds, a date (2025-01-31) or an"
                    + " ISO-8601 instant (2025-01-31T08:00:00Z), was '" + text + "'.");
        }
    }
}
