package dev.yunrag.app;

import dev.yunrag.config.ApiConfig;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.yunwang.YunwangClients;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.CommandLineArguments;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The embedding models by id: the in-process ones, and the 云网 model when its endpoint is configured (built here, so
 * that {@code embed} knows nothing of configuration or vendors). Also the process's {@link RunMode}.
 */
@Singleton
public class EmbeddingProducers {

    private static final Logger LOG = Logger.getLogger(EmbeddingProducers.class);

    @Produces
    @Singleton
    RunMode runMode(@CommandLineArguments String[] args) {
        return RunMode.of(args);
    }

    @Produces
    @Singleton
    EmbedderRegistry embedders(YunragConfig config, YunwangClients yunwang) {
        return new EmbedderRegistry(config.embedding().model(), remoteEmbedder(config.api(), yunwang));
    }

    /** The 云网 embedding model under its configured name, with the configured query instruction. */
    static Optional<Embedder> remoteEmbedder(ApiConfig api, YunwangClients yunwang) {
        return yunwang.embeddingModel().map(model -> {
            String instruction = api.embedding().queryInstruction();
            String prefix = "none".equalsIgnoreCase(instruction.strip()) ? "" : instruction;
            // The Embedder adds the query instruction itself; the remote model only embeds what it is given.
            return new Embedder(api.embedding().model(), model.dimension(), prefix, model);
        });
    }

    /**
     * A server loads the in-process model at start-up (it needs ~320 MB of heap and a few seconds, which a first
     * request should not pay); one-shot commands load it only if they use it.
     */
    void warmUp(@Observes StartupEvent event, YunragConfig config, RunMode mode, EmbedderRegistry embedders) {
        if (config.embedding().eagerLoad() && mode.serves()) {
            // The in-process model also scores sentences of extractive answers, so it is loaded in every mode.
            Embedder embedder = embedders.get(EmbedderRegistry.BGE_SMALL_ZH);
            LOG.infof("Embedding model %s loaded (%d dims, in process)", embedder.id(), embedder.dimension());
        }
    }
}
