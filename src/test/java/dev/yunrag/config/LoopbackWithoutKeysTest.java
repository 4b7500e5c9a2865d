package dev.yunrag.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 18, finding 9: with no keys configured the server bound every interface. */
class LoopbackWithoutKeysTest {

    private static String host(Map<String, String> operator) {
        Map<String, String> packaged = new HashMap<>(Map.of("quarkus.http.host", "0.0.0.0"));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(packaged, "packaged", 250),
                        new PropertiesConfigSource(operator, "operator", 260))
                .withInterceptors(new LoopbackWithoutKeys()).build();
        return config.getValue("quarkus.http.host", String.class);
    }

    @Test
    void withoutKeysOnlyLoopbackUnlessTold() {
        assertThat(host(Map.of())).isEqualTo("127.0.0.1");
        assertThat(host(Map.of("yunrag.security.keys", ""))).isEqualTo("127.0.0.1");
        // told otherwise: the switch, or a host the operator chose
        assertThat(host(Map.of("yunrag.security.listen-open-without-keys", "true"))).isEqualTo("0.0.0.0");
        assertThat(host(Map.of("quarkus.http.host", "0.0.0.0"))).isEqualTo("0.0.0.0");
        assertThat(host(Map.of("quarkus.http.host", "10.1.2.3"))).isEqualTo("10.1.2.3");
    }

    @Test
    void withKeysThePackagedHostStands() {
        assertThat(host(Map.of("yunrag.security.keys", "0123456789abcdef0123:admin"))).isEqualTo("0.0.0.0");
    }
}
