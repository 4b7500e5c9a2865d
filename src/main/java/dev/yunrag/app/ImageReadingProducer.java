package dev.yunrag.app;

import dev.langchain4j.model.chat.ChatModel;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.ThumbnailSweep;
import dev.yunrag.ingest.image.ImageReading;
import dev.yunrag.ingest.image.Thumbnails;
import dev.yunrag.yunwang.YunwangClients;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The one {@link ImageReading} of the process (Tesseract checked once), and the start-up line saying what is in force. */
@Singleton
public class ImageReadingProducer {

    private static final Logger LOG = Logger.getLogger(ImageReadingProducer.class);

    @Produces
    @Singleton
    ImageReading imageReading(YunragConfig config, YunwangClients yunwang) {
        return ImageReading.fromConfig(config.images(), config.dataDir(),
                yunwang.chatModel().map(ChatModel.class::cast));
    }

    /**
     * A server sweeps, in the background, thumbnails left behind by prune, re-index and collection drop (those
     * delete documents without looking at pictures); an API delete removes its own at once.
     */
    void sweepThumbnailsAtStartup(@Observes StartupEvent event, CollectionCatalog collections, YunragConfig config,
                                  RunMode mode) {
        if (mode.serves()) {
            Thread.ofVirtual().name("thumbnail-sweep").start(() -> {
                try {
                    new ThumbnailSweep(collections, Thumbnails.under(config.dataDir())).sweep();
                } catch (RuntimeException e) {
                    LOG.warnf("Thumbnail sweep failed (unused thumbnails stay until the next start): %s", e);
                }
            });
        }
    }

    void logAtStartup(@Observes StartupEvent event, ImageReading images, RunMode mode) {
        if (images.enabled() && images.unavailableReason() == null) {
            if (mode.serves()) { // one-shot commands log warnings only
                LOG.infof("Images read by: %s", images.describe());
            }
        } else {
            LOG.warnf("Images read by: %s", images.describe());
        }
    }
}
