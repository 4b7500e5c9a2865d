package dev.yunrag.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * An open API (no {@code yunrag.security.keys}) is meant for localhost, so without keys the packaged
 * {@code quarkus.http.host=0.0.0.0} becomes 127.0.0.1 (issue 18: the server bound every interface even with no keys).
 * An operator who sets {@code quarkus.http.host} (file, env, -D) or {@code yunrag.security.listen-open-without-keys=true}
 * is taken at their word; {@code serve} logs which it is.
 */
@Priority(Priorities.APPLICATION)
public class LoopbackWithoutKeys implements ConfigSourceInterceptor {

    static final String HOST = "quarkus.http.host";
    static final String KEYS = "yunrag.security.keys";
    static final String KEYS_FILE = "yunrag.security.keys-file";
    static final String OPEN = "yunrag.security.listen-open-without-keys";
    static final String LOOPBACK = "127.0.0.1";
    /** The packaged application.properties; anything above it was set by the operator. */
    private static final int PACKAGED_ORDINAL = 250;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!HOST.equals(name) || value == null || value.getConfigSourceOrdinal() > PACKAGED_ORDINAL) {
            return value;
        }
        ConfigValue keys = context.proceed(KEYS);
        ConfigValue open = context.proceed(OPEN);
        ConfigValue keysFile = context.proceed(KEYS_FILE);
        boolean noKeys = (keys == null || keys.getValue() == null || keys.getValue().isBlank())
                && (keysFile == null || keysFile.getValue() == null || keysFile.getValue().isBlank());
        boolean toldOpen = open != null && "true".equalsIgnoreCase(open.getValue());
        return noKeys && !toldOpen ? value.withValue(LOOPBACK) : value;
    }
}
