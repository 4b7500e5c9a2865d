package dev.yunrag.config;

import io.smallrye.config.PropertiesConfigSource;

/**
 * The operator's {@code application.properties} at the top of the installation (the working directory), read on top
 * of the packaged defaults and below environment variables and system properties. Which file, and how it is read:
 * {@link OperatorConfigFile}.
 */
public class OperatorConfigSource extends PropertiesConfigSource {

    /** Between the packaged application.properties (250) and environment variables (300). */
    static final int ORDINAL = 260;

    public OperatorConfigSource() {
        super(OperatorConfigFile.read(), "operator application.properties", ORDINAL);
    }
}
