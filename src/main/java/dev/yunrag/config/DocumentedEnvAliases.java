package dev.yunrag.config;

import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment variables the README and the operations guide name for the 云网 key, which the standard mapping of
 * {@code yunrag.api.api-key} (to {@code YUNRAG_API_API_KEY}) would never read: {@code YUNRAG_API_KEY}. Just below the
 * environment variables, so that a canonical {@code YUNRAG_API_API_KEY} still wins when both are set.
 */
public class DocumentedEnvAliases extends MapBackedConfigSource {

    /** Below environment variables (300), above the operator's file (260). */
    static final int ORDINAL = 299;

    /** Documented variable → the property it sets. */
    static final Map<String, String> ALIASES = Map.of("YUNRAG_API_KEY", "yunrag.api.api-key");

    public DocumentedEnvAliases() {
        this(System.getenv());
    }

    DocumentedEnvAliases(Map<String, String> environment) {
        super("documented environment variable aliases", aliased(environment), ORDINAL);
    }

    static Map<String, String> aliased(Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        ALIASES.forEach((variable, property) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                values.put(property, value);
            }
        });
        return values;
    }
}
