package dev.yunrag.cli;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.yunrag.yunwang.ChatDefaults;
import dev.yunrag.yunwang.YunwangChatResponseMetadata;
import dev.yunrag.yunwang.YunwangClients;
import dev.yunrag.yunwang.YunwangException;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Calls each configured 云网 endpoint once (every chat model of the catalogue, the embedding and the rerank model) and
 * reports per model whether it answered, with status, latency and what it returned. Exits 1 if any call failed.
 */
@Command(name = "check-api", mixinStandardHelpOptions = true,
        description = "Call each configured 云网 API model once and report reachability, status and latency.")
public class CheckApiCommand implements Callable<Integer> {

    @Inject
    YunwangClients clients;

    @Spec
    CommandSpec spec;

    public CheckApiCommand() {
        // for CDI and picocli
    }

    /** Without CDI, e.g. in tests. */
    public CheckApiCommand(YunwangClients clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!clients.anyConfigured()) {
            out.println("No 云网 API configured (set yunrag.api.base-url or YUNRAG_API_BASE_URL): "
                    + "the embedded in-process defaults are in use.");
            return 0;
        }
        out.println(clients.describe());
        boolean allOk = true;
        if (clients.embeddingModel().isPresent()) {
            var model = clients.embeddingModel().get();
            allOk &= check(out, "embedding " + model.modelName(),
                    () -> "dimension " + model.embed("你好").content().dimension());
        }
        if (clients.scoringModel().isPresent()) {
            var model = clients.scoringModel().get();
            allOk &= check(out, "rerank " + model.modelName(), () -> "scores " + model.scoreAll(
                    List.of(TextSegment.from("北京是中国的首都。"), TextSegment.from("今天天气很好。")), "中国的首都是哪里？")
                    .content());
        }
        if (clients.chatModel().isPresent()) {
            var model = clients.chatModel().get();
            for (Map.Entry<String, ChatDefaults> entry : clients.chatCatalogue().models().entrySet()) {
                allOk &= check(out, "chat " + entry.getKey(), () -> reply(model.chat(ChatRequest.builder()
                        .modelName(entry.getKey()).maxOutputTokens(64)
                        .messages(UserMessage.from("用一句话介绍你自己。")).build())));
            }
        }
        out.println(allOk ? "All 云网 models answered." : "Some 云网 models failed.");
        return allOk ? 0 : 1;
    }

    private static String reply(ChatResponse response) {
        String text = response.aiMessage().text() == null ? "" : response.aiMessage().text();
        String line = text.isBlank() && response.aiMessage().thinking() != null
                ? "(reasoning only) " + response.aiMessage().thinking() : text;
        line = line.replaceAll("\\s+", " ").strip();
        String timing = YunwangChatResponseMetadata.of(response)
                .map(m -> ", prefill " + m.prefillTime() + ", " + m.decodeTimes().size() + " decode steps")
                .orElse("");
        return "reply \"" + (line.length() > 80 ? line.substring(0, 80) + "…" : line) + "\"" + timing;
    }

    private static boolean check(PrintWriter out, String label, Supplier<String> call) {
        long start = System.nanoTime();
        try {
            String result = call.get();
            out.printf("OK    %-32s HTTP 200  %6d ms  %s%n", label, elapsedMillis(start), result);
            return true;
        } catch (YunwangException e) {
            String status = e.status() > 0 ? "HTTP " + e.status() : "no response";
            out.printf("FAIL  %-32s %-9s %6d ms  %s%n", label, status, elapsedMillis(start), e.getMessage());
        } catch (RuntimeException e) {
            out.printf("FAIL  %-32s %-9s %6d ms  %s%n", label, "error", elapsedMillis(start), e);
        }
        return false;
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
