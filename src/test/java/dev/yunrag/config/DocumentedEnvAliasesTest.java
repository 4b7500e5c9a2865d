package dev.yunrag.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentedEnvAliasesTest {

    @Test
    void theReadmesKeyVariableSetsTheSharedKey() {
        DocumentedEnvAliases source = new DocumentedEnvAliases(Map.of("YUNRAG_API_KEY", "sk-1", "PATH", "/bin"));

        assertThat(source.getValue("yunrag.api.api-key")).isEqualTo("sk-1");
        assertThat(source.getPropertyNames()).containsExactly("yunrag.api.api-key");
    }

    @Test
    void ranksBelowTheCanonicalVariableAndAboveTheOperatorsFile() {
        // YUNRAG_API_API_KEY (an environment variable, ordinal 300) still wins; the file (260) does not.
        assertThat(new DocumentedEnvAliases(Map.of()).getOrdinal()).isBetween(OperatorConfigSource.ORDINAL + 1, 299);
    }

    @Test
    void aBlankVariableSetsNothing() {
        assertThat(new DocumentedEnvAliases(Map.of("YUNRAG_API_KEY", " ")).getPropertyNames()).isEmpty();
    }
}
