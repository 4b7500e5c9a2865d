package dev.yunrag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.answer.AnswerService;
import dev.yunrag.api.AnswerView;
import dev.yunrag.answer.AskRequest;
import dev.yunrag.answer.InvalidQuestionException;
import dev.yunrag.answer.UnknownModelException;
import dev.yunrag.retrieve.UnknownCollectionException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ask "question" [--collection NAME] [--model NAME] [--server URL | --local]}: prints the answer, its sources
 * and timings. A running server answers when there is one (no model to load here); otherwise this process does.
 */
@Command(name = "ask", mixinStandardHelpOptions = true, description = "Answer a question from a collection, with citations.")
public class AskCommand implements Callable<Integer> {

    private static final int PASSAGE_PREVIEW = 160;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "The question.")
    String question;

    @Option(names = "--collection", paramLabel = "NAME", description = "Collection (default: yunrag.default-collection).")
    String collection;

    // Says what holds in either mode: the 云网 chat models exist only when the API is configured.
    @Option(names = "--model", paramLabel = "NAME",
            description = "Answer model: 'extractive' (quoted sentences, no chat model), or with the 云网 API configured"
                    + " TianQing-72B or DeepSeek-R1-32B. Default: the configured chat model when the 云网 API is"
                    + " configured, otherwise extractive.")
    String model;

    @Option(names = "--top-k", paramLabel = "N",
            description = "Passages the answer is given, 1-50 (default: yunrag.retrieval.top-k).")
    Integer topK;

    @Option(names = "--server", paramLabel = "URL",
            description = "Ask this running YunRAG server (key from YUNRAG_SERVER_KEY). Default: the local server at"
                    + " http://localhost:<quarkus.http.port> if it answers, otherwise answer in this process.")
    String server;

    @Option(names = "--local", description = "Answer in this process even when a server is running.")
    boolean local;

    @Option(names = "--json", description = "Print the whole answer as JSON.")
    boolean json;

    /**
     * Looked up only when this process answers: building it loads the in-process model. Null in {@link AskClient}.
     */
    @Inject
    Instance<AnswerService> answers;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws Exception {
        JsonNode answer;
        try {
            AskRequest.checkTopK(topK);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --top-k: " + e.getMessage());
            return 2;
        }
        Optional<ServerAsk> remote = local ? Optional.empty() : server();
        if (server != null && remote.isEmpty()) {
            System.err.println("error: no YunRAG server answers at " + server + " (is it running?)");
            return 2;
        }
        if (remote.isEmpty() && answers == null) {
            return AskClient.IN_PROCESS; // the thin client, which has no application to answer with
        }
        try {
            answer = remote.isPresent() ? remote.get().ask(question, collection, model, topK)
                    : mapper.valueToTree(AnswerView.of(
                    answers.get().ask(new AskRequest(question, collection, List.of(), model, topK, null))));
        } catch (InvalidQuestionException | UnknownModelException | UnknownCollectionException
                 | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (ServerAsk.ServerError e) {
            System.err.println("error: the server at " + remote.get().base() + " answered " + e.status + ": "
                    + e.getMessage());
            return 2;
        }
        if (json) {
            System.out.println(mapper.writeValueAsString(answer));
        } else {
            print(System.out, answer);
            remote.ifPresent(r -> System.out.println("Answered by the server at " + r.base()
                    + " (--local answers in this process)"));
        }
        return 0;
    }

    /** The server to ask: the one named, else the local one if it answers. */
    private Optional<ServerAsk> server() {
        ServerAsk candidate = new ServerAsk(server != null ? server : "http://localhost:" + port,
                System.getenv("YUNRAG_SERVER_KEY"));
        return candidate.answers() ? Optional.of(candidate) : Optional.empty();
    }

    private static void print(PrintStream out, JsonNode answer) {
        out.println(answer.path("answer").asText());
        out.println();
        if (answer.hasNonNull("reasoning")) {
            out.println("(reasoning: " + answer.get("reasoning").asText().length()
                    + " characters; use --json to see it)");
        }
        if (!answer.path("citations").isEmpty()) {
            out.println("Sources:");
            for (JsonNode c : answer.path("citations")) {
                String page = !c.hasNonNull("page") ? ""
                        : !c.hasNonNull("pageEnd") || c.get("pageEnd").asInt() == c.get("page").asInt()
                        ? ", page " + c.get("page").asInt()
                        : ", pages " + c.get("page").asInt() + "-" + c.get("pageEnd").asInt();
                String passage = c.path("text").asText().replaceAll("\\s+", " ");
                if (passage.length() > PASSAGE_PREVIEW) {
                    passage = passage.substring(0, PASSAGE_PREVIEW) + "…";
                }
                out.printf("  [%d] %s%s (chars %d-%d)%n      %s%n", c.path("n").asInt(), c.path("source").asText(),
                        page, c.path("start").asInt(), c.path("end").asInt(), passage);
            }
        }
        out.printf("Mode: %s, model: %s%n", answer.path("mode").asText(), answer.path("model").asText());
        out.println(AnswerTimingsText.of(answer));
        answer.path("warnings").forEach(w -> out.println("Warning: " + w.asText()));
    }
}
