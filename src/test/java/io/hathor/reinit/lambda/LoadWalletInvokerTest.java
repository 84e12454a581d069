package io.hathor.reinit.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hathor.reinit.config.ExitStatus;
import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.demo.LocalInvokeServer;
import io.hathor.reinit.retry.RetryPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The invoker with the real SDK client against {@link LocalInvokeServer}; credentials come from surefire's env. */
class LoadWalletInvokerTest {
    private static final String FUNCTION = "hathor-wallet-service-test-loadWalletAsync";
    private static final String XPUB = "xpub6ByyQ7e4zSgCiAW8K4YcUR59hQjcCz3pKQXWCLduqU3f7Zt7DdpRDKMUf6ACmzyakftBHare9uGCnsLGLL8UribAf6yNA1fTZ1GF78u2z6z";
    /** The dummy secret surefire puts in AWS_SECRET_ACCESS_KEY: it must never show up in a message. */
    private static final String SECRET = "test-secret-key";
    private static final RetryPolicy FAST = new RetryPolicy(6, Duration.ofMillis(1), Duration.ofMillis(5));

    private LocalInvokeServer server;
    private final FaultInjector faults = new FaultInjector();
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = LocalInvokeServer.builder(FUNCTION).requestFilter(faults).start();
        open.add(server);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private LoadWalletInvoker invoker(URI endpoint, InvokeListener listener) {
        LoadWalletInvoker invoker = new LoadWalletInvoker(new LambdaSettings(FUNCTION, "eu-central-1", endpoint),
                FAST, listener);
        open.add(0, invoker);
        return invoker;
    }

    private LoadWalletInvoker invoker() {
        return invoker(server.endpoint(), InvokeListener.NONE);
    }

    @Test
    void should_invoke_event_with_exact_payload() throws Exception {
        // given
        LoadWalletInvoker invoker = invoker();
        // when
        InvokeOutcome outcome = invoker.invoke(XPUB, 20);
        // then
        assertThat(outcome).isEqualTo(InvokeOutcome.accepted(1, 0));
        LocalInvokeServer.Invocation invocation = server.invocations().get(0);
        assertThat(invocation.rawPayload()).isEqualTo("{\"xpubkey\":\"" + XPUB + "\",\"maxGap\":20}");
        JsonNode json = new ObjectMapper().readTree(invocation.rawPayload());
        assertThat(json.get("maxGap").isInt()).as("maxGap is a JSON number").isTrue();
        assertThat(json.size()).isEqualTo(2);
        assertThat(invocation.functionName()).isEqualTo(FUNCTION);
        assertThat(invocation.maxGap()).isEqualTo(20);
        assertThat(server.invocationCount(XPUB)).isEqualTo(1);
    }

    @Test
    void should_retry_throttling_then_accept() {
        // given
        AtomicInteger heard = new AtomicInteger();
        LoadWalletInvoker invoker = invoker(server.endpoint(), new InvokeListener() {
            @Override
            public void onThrottled(int attempt) {
                heard.incrementAndGet();
            }
        });
        faults.injectFaults(FaultPlan.status(429).times(3));
        // when
        InvokeOutcome outcome = invoker.invoke(XPUB, 20);
        // then
        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.throttled()).isEqualTo(3);
        assertThat(outcome.failureReason()).isNull();
        assertThat(heard.get()).isEqualTo(3);
        assertThat(server.invocationCount(XPUB)).isEqualTo(1);
    }

    @Test
    void should_pause_between_attempts_with_the_policys_full_jitter() {
        // given: the default policy, its pauses recorded instead of slept
        List<Duration> pauses = new ArrayList<>();
        LoadWalletInvoker invoker = new LoadWalletInvoker(new LambdaSettings(FUNCTION, "eu-central-1",
                server.endpoint()), RetryPolicy.defaults(), InvokeListener.NONE, pauses::add);
        open.add(0, invoker);
        faults.injectFaults(FaultPlan.status(429).always());
        // when
        InvokeOutcome outcome = invoker.invoke(XPUB, 20);
        // then: 6 calls, 5 pauses, each within its doubling cap
        assertThat(outcome.attempts()).isEqualTo(6);
        assertThat(server.requestCount()).isEqualTo(6);
        assertThat(pauses).hasSize(5);
        for (int retry = 1; retry <= pauses.size(); retry++) {
            assertThat(pauses.get(retry - 1)).isBetween(Duration.ZERO, RetryPolicy.defaults().delayCap(retry));
        }
    }

    @Test
    void should_retry_server_errors_then_accept() {
        // given
        LoadWalletInvoker invoker = invoker();
        faults.injectFaults(FaultPlan.status(500).times(2));
        faults.injectFaults(FaultPlan.status(502).times(1));
        // when
        InvokeOutcome outcome = invoker.invoke(XPUB, 20);
        // then
        assertThat(outcome).isEqualTo(InvokeOutcome.accepted(4, 0));
    }

    @Test
    void should_retry_a_dropped_connection() {
        // given
        LoadWalletInvoker invoker = invoker();
        faults.injectFaults(FaultPlan.dropConnection().times(1));
        // when
        InvokeOutcome outcome = invoker.invoke(XPUB, 20);
        // then
        assertThat(outcome).isEqualTo(InvokeOutcome.accepted(2, 0));
    }

    @Test
    void should_give_up_after_the_bound_when_throttling_persists() {
        // given
        LoadWalletInvoker invoker = invoker();
        faults.injectFaults(FaultPlan.status(429).always());
        // when
        InvokeOutcome outcome = invoker.invoke(XPUB, 20);
        // then
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(FAST.maxAttempts());
        assertThat(outcome.throttled()).isEqualTo(FAST.maxAttempts());
        assertThat(server.requestCount()).isEqualTo(FAST.maxAttempts());
        assertThat(outcome.failureReason())
                .startsWith("gave up after 6 attempts")
                .contains("TooManyRequestsException", "HTTP 429")
                .doesNotContain(XPUB, SECRET, "\n");
        assertThat(server.invocations()).isEmpty();
    }

    @Test
    void should_give_up_after_the_bound_on_a_long_outage() {
        // given
        LoadWalletInvoker invoker = invoker();
        faults.injectFaults(FaultPlan.status(500).forDuration(Duration.ofMinutes(1)));
        // when
        InvokeOutcome outcome = invoker.invoke(XPUB, 20);
        // then
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(6);
        assertThat(outcome.throttled()).isZero();
        assertThat(outcome.failureReason()).contains("ServiceException");
    }

    @Test
    void should_not_retry_a_rejected_request() {
        // given
        LoadWalletInvoker invoker = invoker();
        faults.injectFaults(FaultPlan.status(413).times(1));
        // when
        InvokeOutcome outcome = invoker.invoke(XPUB, 20);
        // then
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.failureReason()).contains("RequestTooLargeException", "HTTP 413");
    }

    @Test
    void should_throw_configuration_error_when_function_is_missing() {
        // given
        LoadWalletInvoker invoker = invoker();
        server.setFunctionExists(false);
        // when
        LambdaConfigurationException e = catchThrowableOfType(LambdaConfigurationException.class,
                () -> invoker.invoke(XPUB, 20));
        // then
        assertThat(e.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(e.getMessage()).contains("'" + FUNCTION + "' not found", "eu-central-1").doesNotContain("\n");
        assertThat(server.requestCount()).as("no retry").isEqualTo(1);
        assertNoSecretOrXpub(e);
    }

    @Test
    void should_throw_configuration_error_on_access_denied() {
        // given
        LoadWalletInvoker invoker = invoker();
        faults.injectFaults(FaultPlan.status(403).always());
        // when
        LambdaConfigurationException e = catchThrowableOfType(LambdaConfigurationException.class,
                () -> invoker.invoke(XPUB, 20));
        // then
        assertThat(e.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(e.getMessage()).contains("access denied", FUNCTION, "AccessDeniedException");
        assertThat(server.requestCount()).isEqualTo(1);
        assertNoSecretOrXpub(e);
    }

    @Test
    void should_throw_configuration_error_on_bad_credentials() {
        // given
        LoadWalletInvoker invoker = invoker();
        faults.injectFaults(FaultPlan.error(403, "UnrecognizedClientException").times(1));
        faults.injectFaults(FaultPlan.error(403, "InvalidSignatureException").times(1));
        // when
        LambdaConfigurationException unrecognized = catchThrowableOfType(LambdaConfigurationException.class,
                invoker::checkReachable);
        LambdaConfigurationException badSignature = catchThrowableOfType(LambdaConfigurationException.class,
                () -> invoker.invoke(XPUB, 20));
        // then
        assertThat(unrecognized.getMessage()).contains("rejected the credentials", FUNCTION, "UnrecognizedClientException");
        assertThat(badSignature.getMessage()).contains("rejected the credentials", "InvalidSignatureException");
        assertNoSecretOrXpub(unrecognized);
        assertNoSecretOrXpub(badSignature);
    }

    @Test
    void should_mask_a_secret_that_the_endpoint_echoes() {
        // given: a (hostile or buggy) endpoint that puts the secret key into its error messages
        LoadWalletInvoker invoker = invoker();
        invoker.checkReachable();
        faults.injectFaults(FaultPlan.error(403, "InvalidSignatureException").times(1)
                .withMessage("The request signature we calculated with key " + SECRET + " does not match"));
        faults.injectFaults(FaultPlan.status(500).always().withMessage("internal error near " + SECRET));
        // when
        LambdaConfigurationException e = catchThrowableOfType(LambdaConfigurationException.class,
                () -> invoker.invoke(XPUB, 20));
        InvokeOutcome outcome = invoker.invoke(XPUB, 20);
        // then
        assertThat(e.getMessage()).contains("<masked>").doesNotContain(SECRET);
        assertThat(outcome.failureReason()).contains("<masked>").doesNotContain(SECRET);
    }

    @Test
    void should_throw_configuration_error_when_nothing_listens() throws Exception {
        // given
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        LoadWalletInvoker invoker = invoker(endpoint, InvokeListener.NONE);
        // when
        LambdaConfigurationException e = catchThrowableOfType(LambdaConfigurationException.class,
                invoker::checkReachable);
        // then
        assertThat(e.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(e.getMessage()).contains("cannot reach", endpoint.toString(), FUNCTION);
        assertNoSecretOrXpub(e);
    }

    @Test
    void should_throw_configuration_error_on_unknown_host() {
        // given
        LoadWalletInvoker invoker = invoker(URI.create("http://lambda-endpoint.invalid:3002"), InvokeListener.NONE);
        // when
        LambdaConfigurationException e = catchThrowableOfType(LambdaConfigurationException.class,
                () -> invoker.invoke(XPUB, 20));
        // then
        assertThat(e.getMessage()).contains("cannot reach", "lambda-endpoint.invalid", "unknown host", FUNCTION);
        assertNoSecretOrXpub(e);
    }

    @Test
    void should_pass_the_dry_run_check_without_running_anything() {
        // given
        LoadWalletInvoker invoker = invoker();
        // when
        invoker.checkReachable();
        // then
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(server.invocations()).isEmpty();
    }

    @Test
    void should_fail_the_dry_run_check_when_function_is_missing() {
        // given
        LoadWalletInvoker invoker = invoker();
        server.setFunctionExists(false);
        // when / then
        assertThatThrownBy(invoker::checkReachable)
                .isInstanceOf(LambdaConfigurationException.class)
                .hasMessageContaining(FUNCTION);
    }

    @Test
    void should_fail_the_dry_run_check_after_the_bound_on_an_outage() {
        // given
        LoadWalletInvoker invoker = invoker();
        faults.injectFaults(FaultPlan.status(503).always());
        // when
        LambdaConfigurationException e = catchThrowableOfType(LambdaConfigurationException.class,
                invoker::checkReachable);
        // then
        assertThat(e.getMessage()).contains(FUNCTION, "DryRun", "6 attempt");
        assertThat(server.requestCount()).isEqualTo(6);
    }

    @Test
    void should_use_fallback_or_chain_region_when_settings_have_none() {
        // given: surefire sets AWS_REGION=eu-central-1, which the SDK chain reads
        LoadWalletInvoker invoker = new LoadWalletInvoker(new LambdaSettings(FUNCTION, null, server.endpoint()), FAST);
        open.add(0, invoker);
        // when / then
        assertThat(invoker.region()).isEqualTo("eu-central-1");
        assertThat(invoker.invoke(XPUB, 20).accepted()).isTrue();
    }

    @Test
    void should_reject_bad_arguments_without_showing_the_xpub() {
        LoadWalletInvoker invoker = invoker();
        assertThatThrownBy(() -> invoker.invoke(XPUB, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(XPUB);
        assertThatThrownBy(() -> invoker.invoke(" ", 20)).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_invoke_from_many_threads_with_one_client() throws Exception {
        // given
        LoadWalletInvoker invoker = invoker();
        faults.injectFaults(FaultPlan.everyNth(7, 429));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            // when
            List<Future<InvokeOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String xpub = "xpub-wallet-" + i;
                outcomes.add(pool.submit(() -> invoker.invoke(xpub, 20)));
            }
            int throttled = 0;
            for (Future<InvokeOutcome> f : outcomes) {
                InvokeOutcome outcome = f.get();
                // then
                assertThat(outcome.accepted()).isTrue();
                throttled += outcome.throttled();
            }
            assertThat(server.invocations()).hasSize(300);
            assertThat(throttled).isEqualTo(server.requestCount() - 300).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertNoSecretOrXpub(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET).doesNotContain(XPUB);
        assertThat(e.getMessage()).doesNotContain("\n");
    }
}
