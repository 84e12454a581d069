package io.hathor.reinit.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.hathor.reinit.demo.LocalInvokeServer;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fault injection for {@link LocalInvokeServer}: queued {@link FaultPlan}s answer requests before the Invoke API
 * does, each error shaped like AWS's so the SDK maps it to its exception classes. Pass it to the server's builder
 * with {@code requestFilter}.
 */
public final class FaultInjector implements LocalInvokeServer.RequestFilter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "eu-central-1";

    private final Deque<ActiveFault> faults = new ArrayDeque<>();
    private volatile boolean eventsOnly;

    /**
     * Queues a fault plan behind those already queued. The plan at the head answers requests until it is used up
     * ({@code times}, {@code forDuration}); {@code everyNth} and {@code always} never are.
     */
    public void injectFaults(FaultPlan plan) {
        Objects.requireNonNull(plan, "plan");
        synchronized (faults) {
            faults.addLast(new ActiveFault(plan));
        }
    }

    /** Drops every queued fault plan. */
    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    /** When true, injected faults hit Event invocations only, so a run's DryRun check passes before they start. */
    public void setFaultsForEventsOnly(boolean value) {
        this.eventsOnly = value;
    }

    @Override
    public boolean answered(HttpExchange exchange, String invocationType) throws IOException {
        FaultPlan fault = eventsOnly && !"Event".equals(invocationType) ? null : nextFault();
        if (fault == null) {
            return false;
        }
        if (fault.status() != FaultPlan.DROP_CONNECTION) {
            sendFault(exchange, fault);
        }
        // A dropped connection: closing without an answer is an I/O error on the client.
        return true;
    }

    private FaultPlan nextFault() {
        synchronized (faults) {
            while (!faults.isEmpty()) {
                ActiveFault head = faults.peekFirst();
                if (head.exhausted()) {
                    faults.removeFirst();
                    continue;
                }
                return head.fires() ? head.plan : null;
            }
            return null;
        }
    }

    private static void sendFault(HttpExchange exchange, FaultPlan fault) throws IOException {
        String type = fault.errorType();
        if (fault.status() == 429 && "TooManyRequestsException".equals(type)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded");
            body.put("Type", "User");
            body.put("message", fault.message() != null ? fault.message() : "Rate Exceeded.");
            LocalInvokeServer.sendJson(exchange, 429, JSON.writeValueAsString(body), Map.of("x-amzn-ErrorType", type));
            return;
        }
        String message = fault.message() != null ? fault.message() : switch (type) {
            case "AccessDeniedException" -> "User: arn:aws:iam::" + LocalInvokeServer.ACCOUNT + ":user/reinit is not"
                    + " authorized to perform: lambda:InvokeFunction on resource: " + functionArn(exchange);
            case "UnrecognizedClientException" -> "The security token included in the request is invalid.";
            case "InvalidSignatureException" -> "The request signature we calculated does not match the signature"
                    + " you provided.";
            case "ServiceException" -> "An internal error occurred.";
            default -> type + " (injected)";
        };
        LocalInvokeServer.sendError(exchange, fault.status(), type, message, fault.status() >= 500 ? "Service" : "User");
    }

    private static String functionArn(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        String rest = path.startsWith(LocalInvokeServer.API_PATH_PREFIX)
                ? path.substring(LocalInvokeServer.API_PATH_PREFIX.length()) : path;
        String name = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        return name.startsWith("arn:") ? name
                : "arn:aws:lambda:" + REGION + ":" + LocalInvokeServer.ACCOUNT + ":function:" + name;
    }

    /** A queued fault plan with its progress. Guarded by the {@code faults} lock. */
    private static final class ActiveFault {
        final FaultPlan plan;
        int answered;
        int seen;
        long activeSinceNanos;
        boolean active;

        ActiveFault(FaultPlan plan) {
            this.plan = plan;
        }

        boolean exhausted() {
            return switch (plan.kind()) {
                case TIMES -> answered >= plan.count();
                case DURATION -> active && System.nanoTime() - activeSinceNanos >= plan.duration().toNanos();
                case EVERY_NTH, FOREVER -> false;
            };
        }

        /** Called once per request while this plan is at the head. */
        boolean fires() {
            if (!active) {
                active = true;
                activeSinceNanos = System.nanoTime();
            }
            boolean fire = switch (plan.kind()) {
                case TIMES, DURATION, FOREVER -> true;
                case EVERY_NTH -> ++seen % plan.count() == 0;
            };
            if (fire) {
                answered++;
            }
            return fire;
        }
    }
}
