package dev.yunrag.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.yunrag.yunwang.ChatDefaults;
import dev.yunrag.yunwang.YunwangChatResponseMetadata;
import dev.yunrag.yunwang.YunwangClients;
import dev.yunrag.yunwang.YunwangException;
import dev.yunrag.yunwang.YunwangHttp;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Calls each configured 云网 model once (every chat model of the catalogue, blocking and streamed, the embedding and
 * the rerank model) and reports per call the real HTTP status, latency, time to first token and what came back. It
 * uses its own clients ({@link YunwangClients#forProbing()}): no retries, and breakers of its own, so a check never
 * trips the serving ones. Exits 1 if any call failed or an endpoint has no key.
 */
@Command(name = "check-api", mixinStandardHelpOptions = true,
        description = "Call each configured 云网 API model once (streaming too) and report status, latency and "
                + "time to first token; exit 1 on any failure.")
public class CheckApiCommand implements Callable<Integer> {

    @Inject
    YunwangClients clients;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    public CheckApiCommand() {
        // for CDI and picocli
    }

    /** Without CDI, e.g. in tests. */
    public CheckApiCommand(YunwangClients clients) {
        this.clients = clients;
    }

    /** One call's outcome. */
    public record Probe(String endpoint, String model, boolean streamed, boolean ok, Integer status, long latencyMs,
                        Double timeToFirstTokenMs, String result, String error) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!clients.anyConfigured()) {
            if (json) {
                out.println("{\"configured\":false,\"ok\":true,\"probes\":[]}");
            } else {
                out.println("No 云网 API configured (set yunrag.api.base-url or YUNRAG_API_BASE_URL): "
                        + "the embedded in-process defaults are in use.");
            }
            return 0;
        }
        YunwangClients probe = clients.forProbing();
        List<Probe> probes = probeAll(probe);
        boolean allOk = probes.stream().allMatch(Probe::ok);
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("configured", true);
            report.put("ok", allOk);
            report.put("timeUnit", probe.timeUnit().symbol());
            report.put("endpoints", probe.describe().lines().toList());
            report.put("probes", probes);
            out.println(toJson(report));
        } else {
            out.println(probe.describe());
            probes.forEach(p -> out.println(line(p)));
            out.println(allOk ? "All 云网 models answered." : "Some 云网 models failed.");
        }
        return allOk ? 0 : 1;
    }

    private List<Probe> probeAll(YunwangClients probe) {
        List<Probe> probes = new ArrayList<>();
        probe.embeddingModel().ifPresent(model -> probes.add(check(probe, "embedding", model.modelName(), false,
                first -> "dimension " + model.embed("你好").content().dimension())));
        probe.scoringModel().ifPresent(model -> probes.add(check(probe, "rerank", model.modelName(), false,
                first -> "scores " + model.scoreAll(List.of(TextSegment.from("北京是中国的首都。"),
                        TextSegment.from("今天天气很好。")), "中国的首都是哪里？").content())));
        probe.chatModel().ifPresent(model -> {
            for (Map.Entry<String, ChatDefaults> entry : probe.chatCatalogue().models().entrySet()) {
                probes.add(check(probe, "chat", entry.getKey(), false,
                        first -> reply(probe, model.chat(question(entry.getKey())))));
            }
        });
        probe.streamingChatModel().ifPresent(model -> {
            for (String name : probe.chatCatalogue().models().keySet()) {
                probes.add(check(probe, "chat", name, true, first -> reply(probe, stream(model, name, first))));
            }
        });
        return probes;
    }

    private static ChatRequest question(String model) {
        return ChatRequest.builder().modelName(model).maxOutputTokens(64)
                .messages(UserMessage.from("用一句话介绍你自己。")).build();
    }

    private static ChatResponse stream(dev.yunrag.yunwang.YunwangStreamingChatModel model, String name,
                                       AtomicLong firstToken) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(question(name), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                firstToken.compareAndSet(0, System.nanoTime());
            }

            @Override
            public void onPartialThinking(PartialThinking partial) {
                firstToken.compareAndSet(0, System.nanoTime());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return done.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("no end of stream: " + e, e);
        }
    }

    private static String reply(YunwangClients probe, ChatResponse response) {
        String text = response.aiMessage().text() == null ? "" : response.aiMessage().text();
        String line = text.isBlank() && response.aiMessage().thinking() != null
                ? "(reasoning only) " + response.aiMessage().thinking() : text;
        line = line.replaceAll("\\s+", " ").strip();
        String timing = YunwangChatResponseMetadata.of(response)
                .map(m -> m.apiTimings(probe.timeUnit()))
                .map(t -> ", " + t.describe())
                .orElse("");
        return "reply \"" + (line.length() > 80 ? line.substring(0, 80) + "…" : line) + "\"" + timing;
    }

    private interface Call {
        String run(AtomicLong firstTokenNanos);
    }

    private static Probe check(YunwangClients probe, String endpoint, String model, boolean streamed, Call call) {
        YunwangHttp http = probe.http(endpoint).orElseThrow();
        String noKey = http.endpoint().missingKey() ? "no key configured for " + endpoint
                + " (set YUNRAG_API_KEY or yunrag.api." + endpoint + ".api-key)" : null;
        AtomicLong firstToken = new AtomicLong();
        long start = System.nanoTime();
        try {
            String result = call.run(firstToken);
            Double ttft = firstToken.get() == 0 ? null : (firstToken.get() - start) / 1_000_000.0;
            return new Probe(endpoint, model, streamed, noKey == null, http.lastStatus(), elapsedMillis(start),
                    ttft == null ? null : Math.round(ttft * 10) / 10.0, result, noKey);
        } catch (YunwangException e) {
            String error = e.getMessage();
            if (noKey != null && !error.contains("no key configured")) {
                error = noKey + "; " + error;
            }
            return new Probe(endpoint, model, streamed, false, e.status() > 0 ? e.status() : null,
                    elapsedMillis(start), null, null, error);
        } catch (RuntimeException e) {
            return new Probe(endpoint, model, streamed, false, null, elapsedMillis(start), null, null,
                    noKey != null ? noKey + "; " + e : e.toString());
        }
    }

    private static String line(Probe p) {
        String label = p.endpoint() + " " + p.model() + (p.streamed() ? " (stream)" : "");
        String status = p.status() == null ? "no response" : "HTTP " + p.status();
        String ttft = p.timeToFirstTokenMs() == null ? "" : "first token " + p.timeToFirstTokenMs() + " ms  ";
        String what = p.ok() ? p.result() : p.error() + (p.result() == null ? "" : "; " + p.result());
        return String.format("%-5s %-40s %-11s %6d ms  %s%s", p.ok() ? "OK" : "FAIL", label, status, p.latencyMs(),
                ttft, what);
    }

    private static String toJson(Object report) {
        try {
            return new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
