package dev.yunrag.e2e;

import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.yunwang.YunwangClients;
import dev.yunrag.yunwang.YunwangStub;
import java.util.List;

/** Puts the stub and the service's circuit breakers back to normal between tests. */
final class StubState {

    private StubState() {
    }

    /**
     * Clears the stub's faults and makes one successful call per endpoint (after the cool-down if a breaker is open),
     * so that no test starts with a breaker open or with failures of an earlier test counting towards opening it.
     */
    static void reset(YunwangStub stub, YunwangClients clients) throws InterruptedException {
        stub.clearFaults();
        if (!clients.breakerStates().values().stream().allMatch("CLOSED"::equals)) {
            Thread.sleep(YunwangStubResource.BREAKER_COOL_DOWN_MS + 100);
        }
        clients.embeddingModel().orElseThrow().embed("试一下");
        clients.scoringModel().orElseThrow().scoreAll(List.of(TextSegment.from("试一下")), "试");
        clients.chatModel().orElseThrow().chat("你好");
        stub.clearReceived();
    }
}
