package dev.keywarden.remediation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A provider's API on 127.0.0.1, in the test: subclasses implement the documented behaviour with state; this base
 * records every request exactly (method, path and query, headers, body) and injects failures — a status answered
 * instead of the real one, or a connection dropped after the change was made, as a network failure midway would.
 */
public abstract class FakeServer implements AutoCloseable {
    protected static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server received it. Header names are lower case. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }

        /** The form fields of an {@code application/x-www-form-urlencoded} body. */
        public Map<String, String> form() {
            Map<String, String> out = new LinkedHashMap<>();
            if (body.isEmpty()) {
                return out;
            }
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
            return out;
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }

    /** A reply a handler computed. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply json(int status, Object body) {
            try {
                return new Reply(status, Map.of("Content-Type", "application/json"), body instanceof String s ? s
                        : JSON.writeValueAsString(body));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public static Reply empty(int status) {
            return new Reply(status, Map.of(), "");
        }

        public Reply with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Reply(status, h, body);
        }
    }

    /** An injected failure for the next matching request. */
    private record Fault(Predicate<Request> matches, Reply instead, boolean dropAfterApplying) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();

    protected FakeServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::exchange);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    /** The next matching request is answered with {@code reply} and changes nothing. */
    public synchronized void failNext(String method, String pathPrefix, Reply reply) {
        failNext(r -> r.method().equals(method) && r.path().startsWith(pathPrefix), reply);
    }

    /** The next request that matches is answered with {@code reply} and changes nothing. */
    public synchronized void failNext(Predicate<Request> matches, Reply reply) {
        faults.add(new Fault(matches, reply, false));
    }

    /** The next matching request is carried out, then its connection dropped before any answer. */
    public synchronized void dropNextAfterApplying(String method, String pathPrefix) {
        dropNextAfterApplying(r -> r.method().equals(method) && r.path().startsWith(pathPrefix));
    }

    /** The next request that matches is carried out, then its connection dropped before any answer. */
    public synchronized void dropNextAfterApplying(Predicate<Request> matches) {
        faults.add(new Fault(matches, null, true));
    }

    protected String nextRequestId() {
        return "req-" + ids.incrementAndGet();
    }

    /** Computes the reply to a request, changing the fake's state as the real service would. */
    protected abstract Reply handle(Request request);

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Request request = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(), headers, body);
            Fault fault;
            synchronized (this) {
                requests.add(request);
                fault = faults.stream().filter(f -> f.matches().test(request)).findFirst().orElse(null);
                if (fault != null) {
                    faults.remove(fault);
                }
            }
            Reply reply;
            if (fault != null && !fault.dropAfterApplying()) {
                reply = fault.instead();
            } else {
                synchronized (this) {
                    reply = handle(request);
                }
                if (fault != null) {
                    return; // closing without an answer drops the connection
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
