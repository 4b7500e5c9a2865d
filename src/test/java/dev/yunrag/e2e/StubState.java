package dev.yunrag.e2e;

import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.yunwang.YunwangClients;
import dev.yunrag.yunwang.YunwangStub;
import java.util.List;
import java.util.Map;

/** Puts the stub and the service's circuit breakers back to normal between tests. */
final class StubState {

    private StubState() {
    }

    /** Clears the stub's faults and closes any open breaker with one successful trial call after the cool-down. */
    static void reset(YunwangStub stub, YunwangClients clients) throws InterruptedException {
        stub.clearFaults();
        Map<String, String> states = clients.breakerStates();
        if (states.values().stream().allMatch("CLOSED"::equals)) {
            return;
        }
        Thread.sleep(YunwangStubResource.BREAKER_COOL_DOWN_MS + 100);
        states.forEach((endpoint, state) -> {
            if (!"CLOSED".equals(state)) {
                switch (endpoint) {
                    case "embedding" -> clients.embeddingModel().orElseThrow().embed("试一下");
                    case "rerank" -> clients.scoringModel().orElseThrow().scoreAll(
                            List.of(TextSegment.from("试一下")), "试");
                    case "chat" -> clients.chatModel().orElseThrow().chat("你好");
                    default -> throw new IllegalStateException("unknown endpoint " + endpoint);
                }
            }
        });
        stub.clearReceived();
    }
}
