package dev.yunrag.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code POST /api/search} latency against a running server, one client, sequential requests (what one user waits),
 * with the same synthetic queries as {@link QueryBenchmark}.
 */
public final class HttpSearchBenchmark {

    /** Latencies in ms and how many requests failed. */
    public record Result(String url, String collection, int queries, int errors, Percentiles latency) {
    }

    private HttpSearchBenchmark() {
    }

    public static Result run(String baseUrl, String collection, int queries, long seed) throws Exception {
        SyntheticCorpus corpus = new SyntheticCorpus(20_000, seed);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(baseUrl.replaceAll("/$", "") + "/api/search");
        int warmUp = Math.min(50, queries);
        long[] nanos = new long[queries];
        int errors = 0;
        for (int q = -warmUp; q < queries; q++) {
            String text = corpus.query();
            String body = "{\"query\":\"" + text + "\",\"collection\":\"" + collection + "\",\"topK\":10}";
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - start;
            if (q >= 0) {
                nanos[q] = elapsed;
                if (response.statusCode() != 200) {
                    errors++;
                }
            }
        }
        return new Result(baseUrl, collection, queries, errors, Percentiles.of(nanos));
    }
}
