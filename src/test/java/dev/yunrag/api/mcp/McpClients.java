package dev.yunrag.api.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The official MCP Java SDK's client over Streamable HTTP, as an agent connects to {@code /mcp}. */
final class McpClients {

    private McpClients() {
    }

    static McpSyncClient connect(URL base, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(base.toString().replaceAll("/$", "")).endpoint("/mcp").requestBuilder(request).build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120))
                .initializationTimeout(Duration.ofSeconds(30)).build();
    }
}
