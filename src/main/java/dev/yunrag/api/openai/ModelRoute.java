package dev.yunrag.api.openai;

import dev.yunrag.answer.Answer;
import dev.yunrag.answer.AnswerModels;
import dev.yunrag.index.CollectionCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an OpenAI model id means here: {@code yunrag} (default collection, default answer model),
 * {@code yunrag:<collection>}, or {@code yunrag:<collection>:<answer model or alias>} ({@code extractive} for quoted
 * sentences without a chat model). Collection names cannot hold ':', so the id splits unambiguously.
 *
 * @param id          the model id as the client sent it (echoed in responses)
 * @param collection  the collection to search
 * @param answerModel the catalogue name of the answer model, {@code extractive}, or null for the default
 */
public record ModelRoute(String id, String collection, String answerModel) {

    public static final String PREFIX = "yunrag";

    /**
     * Parses and checks a model id against the collections on disk and the configured answer models.
     *
     * @throws OpenAiException 404 {@code model_not_found} when any part names something that does not exist
     */
    public static ModelRoute resolve(String requested, String defaultCollection, CollectionCatalog collections,
                                     AnswerModels models) {
        return resolve(requested, defaultCollection, collections, models, Grants.ALL);
    }

    /** Which collections the caller may use, so that errors name only those. */
    public interface Grants {
        Grants ALL = new Grants() {
            @Override
            public void check(String collection) {
            }

            @Override
            public List<String> visible(List<String> names) {
                return names;
            }
        };

        /** Throws (403) when the caller may not use the collection, whether or not it exists. */
        void check(String collection);

        /** The names among {@code names} the caller may see. */
        List<String> visible(List<String> names);
    }

    /**
     * As {@link #resolve(String, String, CollectionCatalog, AnswerModels)}, for a caller with limited grants: a
     * collection outside them is refused before its existence is looked up (so a 404 cannot tell a limited key which
     * other collections exist), and a 404 lists only the caller's collections.
     */
    public static ModelRoute resolve(String requested, String defaultCollection, CollectionCatalog collections,
                                     AnswerModels models, Grants grants) {
        String id = requested == null || requested.isBlank() ? PREFIX : requested.strip();
        String[] parts = id.split(":", -1);
        if (!PREFIX.equalsIgnoreCase(parts[0]) || parts.length > 3) {
            throw OpenAiException.modelNotFound("The model '" + id + "' does not exist. Use '" + PREFIX + "', '"
                    + PREFIX + ":<collection>' or '" + PREFIX + ":<collection>:<answer model>'; GET /v1/models"
                    + " lists them.");
        }
        String collection = parts.length > 1 && !parts[1].isBlank() ? parts[1] : defaultCollection;
        grants.check(collection);
        if (!validCollection(collection) || !collections.exists(collection)) {
            List<String> all = collections.names();
            List<String> listed = grants.visible(all);
            throw OpenAiException.modelNotFound("The model '" + id + "' does not exist: there is no collection '"
                    + collection + "'" + (all.isEmpty() ? " (nothing has been ingested yet)."
                    : listed.isEmpty() ? "." : ". Collections: " + String.join(", ", listed) + "."));
        }
        String answerModel = null;
        if (parts.length == 3 && !parts[2].isBlank()) {
            answerModel = answerModel(id, parts[2], models);
        }
        return new ModelRoute(id, collection, answerModel);
    }

    /** The ids /v1/models lists: yunrag, then per collection yunrag:c and yunrag:c:model for each answer model. */
    public static List<String> ids(List<String> collections, List<String> answerModels) {
        List<String> ids = new ArrayList<>();
        ids.add(PREFIX);
        for (String collection : collections) {
            ids.add(PREFIX + ":" + collection);
            for (String model : answerModels) {
                ids.add(PREFIX + ":" + collection + ":" + model);
            }
            if (!answerModels.isEmpty()) {
                ids.add(PREFIX + ":" + collection + ":" + Answer.EXTRACTIVE);
            }
        }
        return ids;
    }

    private static String answerModel(String id, String requested, AnswerModels models) {
        if (Answer.EXTRACTIVE.equalsIgnoreCase(requested)) {
            return Answer.EXTRACTIVE;
        }
        return models.resolve(requested.toLowerCase(Locale.ROOT)).orElseThrow(() -> OpenAiException.modelNotFound(
                "The model '" + id + "' does not exist: '" + requested + "' is not an answer model here. Available: "
                        + (models.names().isEmpty() ? "extractive only (no chat endpoint is configured)"
                        : String.join(", ", models.names()) + ", extractive") + "."));
    }

    private static boolean validCollection(String name) {
        try {
            CollectionCatalog.validName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
