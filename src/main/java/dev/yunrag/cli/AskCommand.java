package dev.yunrag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.yunrag.answer.Answer;
import dev.yunrag.answer.AnswerService;
import dev.yunrag.answer.AskRequest;
import dev.yunrag.answer.InvalidQuestionException;
import dev.yunrag.answer.UnknownModelException;
import dev.yunrag.model.Citation;
import dev.yunrag.retrieve.UnknownCollectionException;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ask "question" [--collection NAME] [--model NAME]}: prints the answer, its sources and timings. */
@Command(name = "ask", mixinStandardHelpOptions = true, description = "Answer a question from a collection, with citations.")
public class AskCommand implements Callable<Integer> {

    private static final int PASSAGE_PREVIEW = 160;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "The question.")
    String question;

    @Option(names = "--collection", paramLabel = "NAME", description = "Collection (default: yunrag.default-collection).")
    String collection;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Answer model: TianQing-72B (default), DeepSeek-R1-32B, or extractive.")
    String model;

    @Option(names = "--json", description = "Print the whole answer as JSON.")
    boolean json;

    @Inject
    AnswerService answers;

    @Override
    public Integer call() throws Exception {
        Answer answer;
        try {
            answer = answers.ask(new AskRequest(question, collection, List.of(), model, null, null));
        } catch (InvalidQuestionException | UnknownModelException | UnknownCollectionException
                 | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(answer));
        } else {
            print(System.out, answer);
        }
        return 0;
    }

    private static void print(PrintStream out, Answer answer) {
        out.println(answer.answer());
        out.println();
        if (answer.reasoning() != null) {
            out.println("(reasoning: " + answer.reasoning().length() + " characters; use --json to see it)");
        }
        if (!answer.citations().isEmpty()) {
            out.println("Sources:");
            for (Citation c : answer.citations()) {
                String page = c.page() == null ? ""
                        : c.pageEnd() == null || c.pageEnd().equals(c.page()) ? ", page " + c.page()
                        : ", pages " + c.page() + "-" + c.pageEnd();
                String passage = c.text().replaceAll("\\s+", " ");
                if (passage.length() > PASSAGE_PREVIEW) {
                    passage = passage.substring(0, PASSAGE_PREVIEW) + "…";
                }
                out.printf("  [%d] %s%s (chars %d-%d)%n      %s%n", c.n(), c.source(), page, c.start(), c.end(), passage);
            }
        }
        out.printf("Mode: %s, model: %s%n", answer.mode(), answer.model());
        out.println(AnswerTimingsText.of(answer));
        answer.warnings().forEach(w -> out.println("Warning: " + w));
    }
}
