package dev.yunrag.app;

import dev.yunrag.config.YunragConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * The configuration as the service reads it (the packaged application.properties, then {@code overrides}), without
 * booting Quarkus; and the {@link Pipelines} built from it, so that tests build what production builds.
 */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static YunragConfig config(Map<String, String> overrides) {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withMapping(YunragConfig.class)
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withSources(new PropertiesConfigSource(
                            TestConfigs.class.getResource("/application.properties"), 250))
                    .withSources(new PropertiesConfigSource(overrides, "test", 400))
                    .build();
            return config.getConfigMapping(YunragConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Pipelines pipelines(Map<String, String> overrides) {
        return new Pipelines(config(overrides));
    }
}
