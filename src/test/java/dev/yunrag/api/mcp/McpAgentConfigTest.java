package dev.yunrag.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.api.ApiKeysTest;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Cursor-style configuration of docs/mcp.md, as written, connects (port and key swapped for the test's). */
@QuarkusTest
@TestProfile(ApiKeysTest.WithKeys.class)
class McpAgentConfigTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theDocumentedUrlAndHeadersConnect() throws Exception {
        String doc = Files.readString(Path.of("docs/mcp.md"));
        String afterCursor = doc.substring(doc.indexOf("**Cursor**"));
        int start = afterCursor.indexOf("```json") + 7;
        JsonNode server = new ObjectMapper().readTree(afterCursor.substring(start, afterCursor.indexOf("```", start)))
                .at("/mcpServers/yunrag");

        URI url = URI.create(server.get("url").asText());
        assertThat(url.getPath()).isEqualTo("/mcp");
        assertThat(url.getPort()).isEqualTo(8080);
        HttpRequest.Builder request = HttpRequest.newBuilder();
        server.get("headers").properties().forEach(h -> request.header(h.getKey(),
                h.getValue().asText().replace("YOUR_YUNRAG_KEY", ApiKeysTest.ADMIN)));
        String endpoint = "http://" + base.getHost() + ":" + base.getPort();
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(endpoint)
                        .endpoint(url.getPath()).requestBuilder(request).build())
                .requestTimeout(Duration.ofSeconds(60)).build();
        try {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .contains("list_collections", "search", "ask");
        } finally {
            client.closeGracefully();
        }
    }
}
