package dev.keywarden.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP client connectors share ({@code java.net.http}), with Jackson for bodies. Turns I/O failures and
 * statuses into {@link ConnectorException}s that name the call and the provider's error, never headers or bodies
 * sent (they carry tokens).
 */
public final class ProviderHttp {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status, the provider's request id header (when it has one), body. */
    public record Response(int status, Optional<String> requestId, String body, HttpHeaders headers) {
        public JsonNode json() throws ConnectorException {
            try {
                JsonNode node = JSON.readTree(body.isEmpty() ? "{}" : body);
                return node == null ? JSON.createObjectNode() : node;
            } catch (IOException e) {
                throw new ConnectorException(ConnectorException.Kind.SERVER, "the provider answered HTTP " + status
                        + " with a body that is not JSON", requestId);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final String requestIdHeader;

    public ProviderHttp(Duration timeout, String requestIdHeader) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.requestIdHeader = requestIdHeader;
    }

    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "keywarden-remediate");
    }

    /** Sends; a dropped or timed-out connection is {@link ConnectorException.Kind#NETWORK}, naming only the call. */
    public Response send(HttpRequest request, String what) throws ConnectorException {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue(requestIdHeader), r.body(), r.headers());
        } catch (java.net.http.HttpConnectTimeoutException | java.net.ConnectException
                 | java.nio.channels.UnresolvedAddressException e) {
            throw new ConnectorException(ConnectorException.Kind.UNREACHABLE, what + ": cannot connect to "
                    + request.uri().getHost() + (request.uri().getPort() > 0 ? ":" + request.uri().getPort() : "")
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (HttpTimeoutException e) {
            throw new ConnectorException(ConnectorException.Kind.NETWORK, what + ": timed out after " + timeout
                    .toMillis() + " ms");
        } catch (IOException e) {
            throw new ConnectorException(ConnectorException.Kind.NETWORK, what + ": connection failed ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ConnectorException.Kind.NETWORK, what + ": interrupted");
        }
    }

    /** The failure a non-2xx response stands for, with the provider's message cut short. */
    public static ConnectorException failure(String what, Response r, String providerMessage) {
        String message = providerMessage == null || providerMessage.isBlank() ? "" : ": " + shorten(providerMessage);
        return new ConnectorException(ConnectorException.kindOf(r.status()), what + " failed: HTTP " + r.status()
                + message, r.requestId());
    }

    public static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    public static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }
}
