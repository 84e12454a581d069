package io.hathor.reinit.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the Lambda Invoke API, for the demo and the tests: {@code POST
 * /2015-03-31/functions/{name}/invocations} on 127.0.0.1 with a free port. Point the real SDK at {@link #endpoint()}.
 *
 * <ul>
 *   <li>{@code X-Amz-Invocation-Type: Event} → 202, empty body; the event is recorded, then handed to the
 *       {@link InvocationHandler} on a separate executor after the answer is sent (like AWS's async queue).
 *   <li>{@code RequestResponse} (the default) → the handler runs, then 200 with {@code {"success":true}}; a handler
 *       that throws gives 200 with {@code X-Amz-Function-Error: Unhandled}, like AWS.
 *   <li>{@code DryRun} → 204.
 *   <li>An unknown function → 404 ResourceNotFoundException; a body that isn't JSON → 400
 *       InvalidRequestContentException; a payload over 256 KiB → 413 RequestTooLargeException.
 *   <li>A {@link RequestFilter} (the tests' fault injection) may answer a request before any of the above, with
 *       {@link #sendError} shaping errors like AWS's (header {@code x-amzn-ErrorType}, JSON body with Type and
 *       message), so the SDK maps them to its exception classes.
 * </ul>
 *
 * Handlers run at most {@code handlerConcurrency} at a time (the function's reserved concurrency); further events
 * wait in an unbounded queue, as AWS queues async events. {@link #close()} stops the HTTP server, lets running and
 * queued handlers finish for up to {@code closeTimeout}, then interrupts them.
 */
public final class LocalInvokeServer implements AutoCloseable {
    public static final String API_PATH_PREFIX = "/2015-03-31/functions/";
    public static final int DEFAULT_HANDLER_CONCURRENCY = 8;
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** AWS's limit for an asynchronous invocation payload (the classic 256 KiB). */
    public static final int MAX_EVENT_PAYLOAD_BYTES = 256 * 1024;
    public static final String ACCOUNT = "000000000000";

    private static final Logger log = LoggerFactory.getLogger(LocalInvokeServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INVOKE_PATH = Pattern.compile("^" + Pattern.quote(API_PATH_PREFIX) + "([^/]+)/invocations/?$");
    private static final int HTTP_THREADS = 16;

    /** One accepted Event, as the function received it. */
    public record Invocation(Instant at, String functionName, String xpubkey, int maxGap, String rawPayload) {
        /** maxGap when the payload has no integer maxGap (the real handler would misbehave on that). */
        public static final int NO_MAX_GAP = -1;
    }

    /** The function body: called once per accepted event, off the HTTP threads. May take seconds. */
    @FunctionalInterface
    public interface InvocationHandler {
        void onEvent(Invocation invocation);

        /** Does nothing: accepts events and only records them. */
        InvocationHandler NOTHING = invocation -> {};
    }

    /** Sees every Invoke request first; answers it, or lets the Invoke API answer. */
    @FunctionalInterface
    public interface RequestFilter {
        /**
         * @param invocationType the {@code X-Amz-Invocation-Type} header, or null
         * @return true when this filter answered (or closed the exchange without an answer)
         */
        boolean answered(HttpExchange exchange, String invocationType) throws IOException;

        /** Lets every request through. */
        RequestFilter NONE = (exchange, invocationType) -> false;
    }

    private final String functionName;
    private final String region;
    private final InvocationHandler handler;
    private final RequestFilter filter;
    private final Duration closeTimeout;
    private final HttpServer http;
    private final ExecutorService httpExecutor;
    private final ExecutorService handlerExecutor;
    private final List<Invocation> invocations = new ArrayList<>();
    private final Map<String, AtomicInteger> countsByXpub = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger handlersInFlight = new AtomicInteger();
    private volatile boolean functionExists = true;
    private volatile boolean closed;

    private LocalInvokeServer(Builder b) throws IOException {
        this.functionName = b.functionName;
        this.region = b.region;
        this.handler = b.handler;
        this.filter = b.filter;
        this.closeTimeout = b.closeTimeout;
        this.httpExecutor = Executors.newFixedThreadPool(HTTP_THREADS, named("lambda-http-"));
        this.handlerExecutor = Executors.newFixedThreadPool(b.handlerConcurrency, named("lambda-handler-"));
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        http.createContext("/", this::handle);
        http.setExecutor(httpExecutor);
        http.start();
        log.info("Local Lambda Invoke API for {} at {} (handler concurrency {})", functionName, endpoint(),
                b.handlerConcurrency);
    }

    /** Starts a server for {@code functionName} with {@value #DEFAULT_HANDLER_CONCURRENCY} concurrent handlers. */
    public static LocalInvokeServer start(String functionName, InvocationHandler handler) {
        return builder(functionName).handler(handler).start();
    }

    public static Builder builder(String functionName) {
        return new Builder(functionName);
    }

    /** Options beyond the function name and handler. */
    public static final class Builder {
        private final String functionName;
        private InvocationHandler handler = InvocationHandler.NOTHING;
        private RequestFilter filter = RequestFilter.NONE;
        private int handlerConcurrency = DEFAULT_HANDLER_CONCURRENCY;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private String region = "eu-central-1";

        private Builder(String functionName) {
            if (functionName == null || functionName.isBlank()) {
                throw new IllegalArgumentException("functionName is empty");
            }
            this.functionName = functionName;
        }

        public Builder handler(InvocationHandler value) {
            this.handler = Objects.requireNonNull(value, "handler");
            return this;
        }

        public Builder requestFilter(RequestFilter value) {
            this.filter = Objects.requireNonNull(value, "filter");
            return this;
        }

        /** How many handlers run at once, like a reserved concurrency. */
        public Builder handlerConcurrency(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("handlerConcurrency must be at least 1");
            }
            this.handlerConcurrency = value;
            return this;
        }

        /** How long {@link #close()} lets handlers finish before interrupting them. */
        public Builder closeTimeout(Duration value) {
            this.closeTimeout = Objects.requireNonNull(value, "closeTimeout");
            return this;
        }

        /** Region shown in ARNs of error messages. */
        public Builder region(String value) {
            this.region = Objects.requireNonNull(value, "region");
            return this;
        }

        public LocalInvokeServer start() {
            try {
                return new LocalInvokeServer(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the local Lambda Invoke API on 127.0.0.1", e);
            }
        }
    }

    /** Base URL for {@code endpointOverride}, e.g. http://127.0.0.1:41234. */
    public URI endpoint() {
        InetSocketAddress address = http.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    public String functionName() {
        return functionName;
    }

    /** Every accepted Event so far, in the order they were accepted. */
    public List<Invocation> invocations() {
        synchronized (invocations) {
            return List.copyOf(invocations);
        }
    }

    /** How many Events were accepted for this xpubkey. */
    public int invocationCount(String xpubkey) {
        AtomicInteger count = countsByXpub.get(xpubkey);
        return count == null ? 0 : count.get();
    }

    /** Every Invoke request that reached the server, faults and errors included. */
    public int requestCount() {
        return requests.get();
    }

    /** Handlers queued or running. */
    public int handlersInFlight() {
        return handlersInFlight.get();
    }

    /** Waits until no handler is queued or running; false on timeout. */
    public boolean awaitHandlers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handlersInFlight.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** When false, every request gets 404 ResourceNotFoundException (after the request filter). */
    public void setFunctionExists(boolean exists) {
        this.functionExists = exists;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                sendError(exchange, 404, "UnknownOperationException", "Unknown operation "
                        + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath(), null);
                return;
            }
            String invocationType = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            if (filter.answered(exchange, invocationType)) {
                return;
            }
            String requested = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
            if (!functionExists || !isOurFunction(requested)) {
                sendError(exchange, 404, "ResourceNotFoundException", "Function not found: " + arn(requested), "User");
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            switch (type == null ? "RequestResponse" : type) {
                case "DryRun" -> send(exchange, 204, null);
                case "Event" -> acceptEvent(exchange, body);
                case "RequestResponse" -> runSynchronously(exchange, body);
                default -> sendError(exchange, 400, "InvalidParameterValueException",
                        "Unsupported invocation type: " + type, "User");
            }
        } catch (RuntimeException | IOException e) {
            log.warn("local Lambda Invoke API failed on a request", e);
            throw e;
        }
    }

    private void acceptEvent(HttpExchange exchange, byte[] body) throws IOException {
        if (body.length > MAX_EVENT_PAYLOAD_BYTES) {
            sendError(exchange, 413, "RequestTooLargeException",
                    "Request must be smaller than " + MAX_EVENT_PAYLOAD_BYTES + " bytes for the InvokeAsync operation",
                    "User");
            return;
        }
        Invocation invocation = parse(exchange, body);
        if (invocation == null) {
            return;
        }
        // Counted before the answer, so a caller that saw 202 and then awaits handlers can't miss this one.
        handlersInFlight.incrementAndGet();
        synchronized (invocations) {
            invocations.add(invocation);
        }
        if (invocation.xpubkey() != null) {
            countsByXpub.computeIfAbsent(invocation.xpubkey(), k -> new AtomicInteger()).incrementAndGet();
        }
        try {
            send(exchange, 202, null);
        } catch (IOException | RuntimeException e) {
            handlersInFlight.decrementAndGet();
            throw e;
        }
        exchange.close();
        try {
            handlerExecutor.execute(() -> runHandler(invocation));
        } catch (RuntimeException e) { // rejected: the server is closing
            handlersInFlight.decrementAndGet();
            log.debug("event dropped, the local Lambda is closing");
        }
    }

    private void runHandler(Invocation invocation) {
        try {
            handler.onEvent(invocation);
        } catch (RuntimeException e) {
            log.warn("local Lambda handler failed", e);
        } finally {
            handlersInFlight.decrementAndGet();
        }
    }

    private void runSynchronously(HttpExchange exchange, byte[] body) throws IOException {
        Invocation invocation = parse(exchange, body);
        if (invocation == null) {
            return;
        }
        Future<?> result = handlerExecutor.submit(() -> handler.onEvent(invocation));
        try {
            result.get();
            sendJson(exchange, 200, "{\"success\":true}", Map.of("X-Amz-Executed-Version", "$LATEST"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorType", cause.getClass().getSimpleName());
            error.put("errorMessage", String.valueOf(cause.getMessage()));
            sendJson(exchange, 200, JSON.writeValueAsString(error),
                    Map.of("X-Amz-Executed-Version", "$LATEST", "X-Amz-Function-Error", "Unhandled"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendError(exchange, 500, "ServiceException", "interrupted", "Service");
        }
    }

    /** The recorded invocation, or null after answering 400 for a body that isn't JSON. */
    private Invocation parse(HttpExchange exchange, byte[] body) throws IOException {
        String raw = new String(body, StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            sendError(exchange, 400, "InvalidRequestContentException",
                    "Could not parse request body into json: " + e.getOriginalMessage(), "User");
            return null;
        }
        JsonNode xpub = json.get("xpubkey");
        JsonNode gap = json.get("maxGap");
        return new Invocation(Instant.now(), functionName,
                xpub != null && xpub.isTextual() ? xpub.asText() : null,
                gap != null && gap.canConvertToInt() && gap.isIntegralNumber() ? gap.intValue() : Invocation.NO_MAX_GAP,
                raw);
    }

    private boolean isOurFunction(String requested) {
        String name = requested;
        int marker = name.indexOf(":function:");
        if (name.startsWith("arn:") && marker >= 0) {
            name = name.substring(marker + ":function:".length());
        }
        int qualifier = name.indexOf(':');
        if (qualifier >= 0) {
            name = name.substring(0, qualifier);
        }
        return name.equals(functionName);
    }

    private String arn(String requested) {
        return requested.startsWith("arn:") ? requested
                : "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + requested;
    }

    /** An error answer shaped like AWS's: header {@code x-amzn-ErrorType}, JSON body with Type and message. */
    public static void sendError(HttpExchange exchange, int status, String errorType, String message, String kind)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (kind != null) {
            body.put("Type", kind);
        }
        body.put("message", message);
        sendJson(exchange, status, JSON.writeValueAsString(body), Map.of("x-amzn-ErrorType", errorType));
    }

    public static void sendJson(HttpExchange exchange, int status, String json, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.stop(0);
        httpExecutor.shutdownNow();
        handlerExecutor.shutdown();
        try {
            if (!handlerExecutor.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                List<Runnable> dropped = handlerExecutor.shutdownNow();
                log.warn("local Lambda closed with handlers still running after {}; interrupted them, dropped {}"
                        + " queued event(s)", closeTimeout, dropped.size());
                handlerExecutor.awaitTermination(1, TimeUnit.SECONDS);
            }
            httpExecutor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            handlerExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
