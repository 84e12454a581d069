package io.hathor.reinit.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the fullnode's latest event id: {@code GET <url>/v1a/event?size=1} → {@code latest_event_id}. */
public final class FullnodeClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI eventUri;
    private final HttpClient client;

    public FullnodeClient(URI baseUrl) {
        String base = baseUrl.toString();
        this.eventUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/v1a/event?size=1");
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    public URI eventUri() {
        return eventUri;
    }

    /**
     * The fullnode's latest event id.
     *
     * @throws IOException when the fullnode can't be reached or its answer has no latest_event_id
     */
    public long latestEventId() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(eventUri).timeout(REQUEST_TIMEOUT).GET()
                .header("Accept", "application/json").build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + eventUri);
        }
        JsonNode latest = JSON.readTree(response.body()).get("latest_event_id");
        if (latest == null || !latest.canConvertToLong()) {
            throw new IOException("no latest_event_id in the answer of " + eventUri);
        }
        return latest.asLong();
    }
}
