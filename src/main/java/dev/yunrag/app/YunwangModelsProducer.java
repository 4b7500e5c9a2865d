package dev.yunrag.app;
import dev.yunrag.yunwang.YunwangClients;

import dev.yunrag.config.YunragConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * Makes {@link YunwangClients} injectable. It deliberately produces the factory, not {@code ChatModel} or
 * {@code EmbeddingModel} beans: the integrator's producers choose between these and the in-process models, and two
 * producers of one type would make injection ambiguous.
 */
@ApplicationScoped
public class YunwangModelsProducer {

    private static final Logger LOG = Logger.getLogger(YunwangModelsProducer.class);

    @Produces
    @ApplicationScoped
    YunwangClients yunwangClients(YunragConfig config) {
        YunwangClients clients = YunwangClients.fromConfig(config.api());
        // One line: continuation lines of a multi-line record carry no time or level and break line-based log tools.
        LOG.infof("云网 API: %s", clients.describe().replace("\n", "; "));
        for (String endpoint : clients.endpointsWithoutKey()) {
            // Loud on purpose: without a key a real 云网 service answers 401 to every call, and answers degrade.
            LOG.warnf("!!! 云网 %s endpoint: NO API KEY CONFIGURED. A real 云网 service refuses every call (401). "
                    + "Set YUNRAG_API_KEY (or yunrag.api.%s.api-key); auth-scheme none means no key on purpose.",
                    endpoint, endpoint);
        }
        return clients;
    }
}
