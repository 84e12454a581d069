package io.hathor.reinit.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.retry.RetryPolicy;
import io.hathor.reinit.retry.Sleeper;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Invokes loadWalletAsync asynchronously (InvocationType Event, queued by AWS), one {@link LambdaClient} for the
 * whole run. Thread-safe: the scheduler calls {@link #invoke} from many threads at once.
 *
 * <ul>
 *   <li>Credentials come only from the SDK's default chain (environment, system properties, profile, SSO, container,
 *       instance role). The region comes from the settings, else the SDK's region chain, else eu-central-1.
 *   <li>Throttling (429), 5xx (ServiceException, EC2/ENI/KMS errors, ResourceNotReady), 409 ResourceConflict and I/O
 *       errors are retried by this class's own loop under the {@link RetryPolicy}; the SDK's retries are off, so
 *       one wallet costs at most {@code maxAttempts} calls. Not the SDK's retries, because the bound must be per
 *       wallet and exact (the SDK's standard and adaptive strategies share a client-wide token bucket, so under a
 *       long throttling stretch they either fail fast without trying or, in adaptive mode, block the calling thread
 *       on a client-side rate limiter the scheduler can't see); the scheduler needs to know how many 429s each
 *       wallet met to halve its window, which the SDK doesn't report; and a configuration failure must stop at the
 *       first answer, not after retries.
 *   <li>Configuration failures throw {@link LambdaConfigurationException} (exit status USAGE) at once: function not
 *       found, 401/403 (access denied, unknown or expired credentials, bad signature), no credentials, and an
 *       endpoint that can't be reached before it ever answered (unknown host, connection refused).
 *   <li>Messages name the function, never an xpub or a secret: any text the SDK or AWS hands back is scrubbed of the
 *       resolved secret key and session token.
 * </ul>
 */
public final class LoadWalletInvoker implements AutoCloseable {
    /** Used when neither the settings nor the SDK's region chain name a region (the service's own default). */
    public static final Region FALLBACK_REGION = Region.EU_CENTRAL_1;
    /** Connection pool size: above any sensible scheduler window, so the window, not the pool, limits calls. */
    public static final int MAX_CONNECTIONS = 64;
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    static final int EVENT_ACCEPTED = 202;
    static final int DRY_RUN_OK = 204;

    private static final Logger log = LoggerFactory.getLogger(LoadWalletInvoker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON_LENGTH = 240;
    /** Error codes that mean "these credentials or this signature are no good": retrying won't help. */
    private static final Set<String> CREDENTIAL_ERRORS = Set.of(
            "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch",
            "ExpiredTokenException", "ExpiredToken", "InvalidClientTokenId", "MissingAuthenticationToken",
            "IncompleteSignature", "RequestExpired", "AuthFailure");
    private static final Set<String> ACCESS_ERRORS = Set.of("AccessDeniedException", "AccessDenied");

    private final String functionName;
    private final Region region;
    private final String endpointText;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final InvokeListener listener;
    private final RecordingCredentials credentials;
    private final LambdaClient client;
    /** Set once the endpoint sent any HTTP answer: from then on, connection errors are transient. */
    private final AtomicBoolean endpointAnswered = new AtomicBoolean();

    public LoadWalletInvoker(LambdaSettings settings, RetryPolicy retry) {
        this(settings, retry, InvokeListener.NONE);
    }

    public LoadWalletInvoker(LambdaSettings settings, RetryPolicy retry, InvokeListener listener) {
        this(settings, retry, listener, Sleeper.SYSTEM);
    }

    LoadWalletInvoker(LambdaSettings settings, RetryPolicy retry, InvokeListener listener, Sleeper sleeper) {
        Objects.requireNonNull(settings, "settings");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.functionName = settings.functionName();
        String regionSource;
        if (settings.region() != null && !settings.region().isBlank()) {
            region = Region.of(settings.region().trim());
            regionSource = "settings";
        } else {
            Region fromChain = regionFromSdkChain();
            region = fromChain != null ? fromChain : FALLBACK_REGION;
            regionSource = fromChain != null ? "SDK chain" : "fallback";
        }
        URI endpoint = settings.endpoint();
        endpointText = endpoint != null ? endpoint.toString() : "https://lambda." + region.id() + ".amazonaws.com";
        credentials = new RecordingCredentials(DefaultCredentialsProvider.builder().build());
        var builder = LambdaClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(MAX_CONNECTIONS)
                        .connectionTimeout(CONNECTION_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(c -> c
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        try {
            client = builder.build();
        } catch (SdkException e) {
            throw new LambdaConfigurationException("cannot set up the Lambda client for function '" + functionName
                    + "': " + oneLine(e.getMessage()), e);
        }
        log.info("Lambda: function {}, region {} ({}), endpoint {}, credentials from the SDK default chain, "
                + "{} attempts per wallet, backoff up to {} then {}", functionName, region.id(), regionSource, endpointText,
                retry.maxAttempts(), retry.baseDelay(), retry.maxDelay());
    }

    public String functionName() {
        return functionName;
    }

    /** The region the client calls, e.g. eu-central-1. */
    public String region() {
        return region.id();
    }

    /**
     * Queues one load: Invoke with InvocationType Event and payload {@code {"xpubkey":"…","maxGap":n}}. Retries
     * throttling, 5xx and I/O errors up to the policy's bound; any other answer is a failure without retry.
     *
     * @param maxGap the wallet's max_gap, sent as a JSON number (at least 1)
     * @throws LambdaConfigurationException when no wallet can be loaded with these settings
     */
    public InvokeOutcome invoke(String xpubkey, int maxGap) {
        InvokeRequest request = InvokeRequest.builder()
                .functionName(functionName)
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromByteArray(payload(xpubkey, maxGap)))
                .build();
        return callWithRetries(request, EVENT_ACCEPTED);
    }

    /**
     * Invoke with InvocationType DryRun: AWS checks that the function exists and that these credentials may invoke
     * it, and runs nothing.
     *
     * @throws LambdaConfigurationException when the check fails, also after retrying transient errors
     */
    public void checkReachable() {
        InvokeRequest request = InvokeRequest.builder()
                .functionName(functionName)
                .invocationType(InvocationType.DRY_RUN)
                .build();
        InvokeOutcome outcome = callWithRetries(request, DRY_RUN_OK);
        if (!outcome.accepted()) {
            throw new LambdaConfigurationException("Lambda function '" + functionName + "' at " + endpointText
                    + " failed the DryRun check after " + outcome.attempts() + " attempt(s): "
                    + outcome.failureReason());
        }
        log.info("Lambda function {} exists and may be invoked (DryRun)", functionName);
    }

    /** The payload the handler reads: exactly xpubkey (string) and maxGap (number). */
    static byte[] payload(String xpubkey, int maxGap) {
        if (xpubkey == null || xpubkey.isBlank()) {
            throw new IllegalArgumentException("xpubkey is empty");
        }
        if (maxGap < 1) {
            throw new IllegalArgumentException("maxGap must be at least 1, was " + maxGap);
        }
        ObjectNode node = JSON.createObjectNode().put("xpubkey", xpubkey).put("maxGap", maxGap);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the invoke payload", e);
        }
    }

    private InvokeOutcome callWithRetries(InvokeRequest request, int expectedStatus) {
        int throttled = 0;
        String lastReason = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Duration serverHint = Duration.ZERO;
            try {
                InvokeResponse response = client.invoke(request);
                endpointAnswered.set(true);
                Integer status = response.statusCode();
                if (status != null && status == expectedStatus) {
                    return InvokeOutcome.accepted(attempt, throttled);
                }
                return InvokeOutcome.failed(attempt, throttled, "Lambda answered StatusCode " + status
                        + " for " + request.invocationTypeAsString() + ", expected " + expectedStatus
                        + (response.functionError() != null ? " (FunctionError " + response.functionError() + ")" : ""));
            } catch (AwsServiceException e) {
                endpointAnswered.set(true);
                Failure failure = classify(e);
                if (failure == Failure.PERMANENT) {
                    return InvokeOutcome.failed(attempt, throttled, describe(e));
                }
                lastReason = describe(e);
                if (failure == Failure.THROTTLED) {
                    throttled++;
                    listener.onThrottled(attempt);
                    if (e instanceof TooManyRequestsException tooMany) {
                        serverHint = retryAfter(tooMany.retryAfterSeconds());
                    }
                }
            } catch (SdkClientException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return InvokeOutcome.failed(attempt, throttled, "interrupted");
                }
                checkClientConfiguration(e);
                lastReason = "I/O error: " + describeClientError(e);
            }
            if (!retry.allowsRetryAfter(attempt)) {
                break;
            }
            listener.onRetry(attempt, lastReason);
            Duration pause = retry.delayBeforeRetry(attempt, ThreadLocalRandom.current());
            if (serverHint.compareTo(pause) > 0) {
                pause = serverHint.compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : serverHint;
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return InvokeOutcome.failed(attempt, throttled, "interrupted while backing off; last: " + lastReason);
            }
        }
        return InvokeOutcome.failed(retry.maxAttempts(), throttled,
                "gave up after " + retry.maxAttempts() + " attempts; last: " + lastReason);
    }

    private enum Failure { THROTTLED, TRANSIENT, PERMANENT }

    private Failure classify(AwsServiceException e) {
        String code = errorCode(e);
        int status = e.statusCode();
        if (e instanceof ResourceNotFoundException || "ResourceNotFoundException".equals(code)) {
            throw new LambdaConfigurationException("Lambda function '" + functionName + "' not found in region "
                    + region.id() + " at " + endpointText + " (" + describe(e) + ")", e);
        }
        if (CREDENTIAL_ERRORS.contains(code)) {
            throw new LambdaConfigurationException("AWS rejected the credentials from the SDK default chain while"
                    + " invoking Lambda function '" + functionName + "' (" + describe(e) + ")", e);
        }
        if (ACCESS_ERRORS.contains(code) || status == 401 || status == 403) {
            throw new LambdaConfigurationException("access denied to Lambda function '" + functionName
                    + "': the credentials need lambda:InvokeFunction on it (" + describe(e) + ")", e);
        }
        if (e instanceof TooManyRequestsException || status == 429 || e.isThrottlingException()) {
            return Failure.THROTTLED;
        }
        if (status >= 500 || e instanceof ResourceConflictException) {
            return Failure.TRANSIENT;
        }
        return Failure.PERMANENT;
    }

    private void checkClientConfiguration(SdkClientException e) {
        if (credentials.threw(e)) {
            throw new LambdaConfigurationException("no AWS credentials for Lambda function '" + functionName
                    + "': the SDK default chain (environment, system properties, profile, SSO, container, instance"
                    + " role) found none", e);
        }
        if (endpointAnswered.get()) {
            return;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                throw new LambdaConfigurationException("cannot reach the Lambda endpoint " + endpointText
                        + " for function '" + functionName + "': unknown host", e);
            }
            if (t instanceof ConnectException) {
                throw new LambdaConfigurationException("cannot reach the Lambda endpoint " + endpointText
                        + " for function '" + functionName + "': " + oneLine(t.getMessage()), e);
            }
        }
    }

    private static Duration retryAfter(String seconds) {
        if (seconds == null) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(seconds.trim())));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private static Region regionFromSdkChain() {
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            return null;
        }
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
    }

    /** "TooManyRequestsException ReservedFunctionConcurrentInvocationLimitExceeded (HTTP 429): Rate Exceeded." */
    private String describe(AwsServiceException e) {
        StringBuilder text = new StringBuilder();
        String code = errorCode(e);
        text.append(code != null ? code : e.getClass().getSimpleName());
        if (e instanceof TooManyRequestsException tooMany && tooMany.reasonAsString() != null) {
            text.append(' ').append(tooMany.reasonAsString());
        }
        text.append(" (HTTP ").append(e.statusCode()).append(')');
        String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : null;
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        return oneLine(text.toString());
    }

    private String describeClientError(SdkClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? e.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage();
        return oneLine(message);
    }

    /** One line, bounded, with any resolved secret replaced. */
    private String oneLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        String line = credentials.redact(text).replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * The SDK's default chain, remembering the secrets it handed out (so they can be scrubbed from messages) and the
     * last failure (so "no credentials" can be told apart from an I/O error).
     */
    private static final class RecordingCredentials implements AwsCredentialsProvider {
        private final AwsCredentialsProvider chain;
        private volatile AwsCredentials last;
        private volatile Throwable lastFailure;

        RecordingCredentials(AwsCredentialsProvider chain) {
            this.chain = chain;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            try {
                AwsCredentials resolved = chain.resolveCredentials();
                last = resolved;
                return resolved;
            } catch (RuntimeException e) {
                lastFailure = e;
                throw e;
            }
        }

        boolean threw(Throwable e) {
            Throwable failure = lastFailure;
            if (failure == null) {
                return false;
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t == failure) {
                    return true;
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            return false;
        }

        String redact(String text) {
            AwsCredentials resolved = last;
            if (resolved == null) {
                return text;
            }
            String result = mask(text, resolved.secretAccessKey());
            if (resolved instanceof AwsSessionCredentials session) {
                result = mask(result, session.sessionToken());
            }
            return result;
        }

        private static String mask(String text, String secret) {
            return secret == null || secret.length() < 4 ? text : text.replace(secret, "<masked>");
        }

        @Override
        public String toString() {
            return "RecordingCredentials(" + chain + ")";
        }
    }
}
