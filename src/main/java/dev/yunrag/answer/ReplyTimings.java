package dev.yunrag.answer;

import dev.yunrag.model.ApiTimings;

import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Optional;

/**
 * What the answer model's service says about the time it took for one reply. LangChain4j's {@link ChatResponse} has
 * no place for it, so a vendor adapter returns response metadata that implements this interface (the 云网 adapter's
 * {@code YunwangChatResponseMetadata} does); the answer flow reads it here without knowing the vendor.
 */
@FunctionalInterface
public interface ReplyTimings {

    /** The service's timings of this reply with their unit, or null when it sent none. */
    ApiTimings apiTimings();

    /** The service's timings of {@code response}, when its metadata carries any. */
    static Optional<ApiTimings> of(ChatResponse response) {
        return response != null && response.metadata() instanceof ReplyTimings timings
                ? Optional.ofNullable(timings.apiTimings()) : Optional.empty();
    }
}
