package io.hathor.reinit.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hathor.reinit.demo.LocalInvokeServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Ec2UnexpectedException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** The local Invoke API, checked with the real SDK client (no retries) so the error shapes map as on AWS. */
class LocalInvokeServerTest {
    private static final String FUNCTION = "hathor-wallet-service-test-loadWalletAsync";
    private static final String PAYLOAD = "{\"xpubkey\":\"xpub-test\",\"maxGap\":20}";

    private final List<AutoCloseable> open = new ArrayList<>();
    private final FaultInjector faults = new FaultInjector();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private LocalInvokeServer server(LocalInvokeServer server) {
        open.add(server);
        return server;
    }

    private LambdaClient client(LocalInvokeServer server) {
        LambdaClient client = LambdaClient.builder()
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .endpointOverride(server.endpoint())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        open.add(0, client);
        return client;
    }

    private static InvokeRequest event() {
        return invoke(InvocationType.EVENT);
    }

    private static InvokeRequest invoke(InvocationType type) {
        return InvokeRequest.builder().functionName(FUNCTION).invocationType(type)
                .payload(SdkBytes.fromUtf8String(PAYLOAD)).build();
    }

    @Test
    void should_accept_event_with_202_and_record_it() {
        // given
        LocalInvokeServer server = server(LocalInvokeServer.start(FUNCTION, LocalInvokeServer.InvocationHandler.NOTHING));
        // when
        InvokeResponse response = client(server).invoke(event());
        // then
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.payload().asByteArray()).isEmpty();
        assertThat(server.invocations()).singleElement().satisfies(i -> {
            assertThat(i.functionName()).isEqualTo(FUNCTION);
            assertThat(i.xpubkey()).isEqualTo("xpub-test");
            assertThat(i.maxGap()).isEqualTo(20);
            assertThat(i.rawPayload()).isEqualTo(PAYLOAD);
        });
        assertThat(server.invocationCount("xpub-test")).isEqualTo(1);
    }

    @Test
    void should_run_the_handler_after_the_answer_on_its_own_threads() throws Exception {
        // given
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        LocalInvokeServer server = server(LocalInvokeServer.start(FUNCTION, invocation -> {
            thread.set(Thread.currentThread().getName());
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        // when: the handler is still blocked, yet the invoke is answered
        InvokeResponse response;
        int inFlight;
        try {
            response = client(server).invoke(event());
            inFlight = server.handlersInFlight();
        } finally {
            release.countDown();
        }
        // then
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(inFlight).isEqualTo(1);
        assertThat(server.awaitHandlers(Duration.ofSeconds(5))).isTrue();
        assertThat(thread.get()).startsWith("lambda-handler-");
    }

    @Test
    void should_limit_handlers_to_the_configured_concurrency() throws Exception {
        // given
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        LocalInvokeServer server = server(LocalInvokeServer.builder(FUNCTION).handlerConcurrency(2).handler(i -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        }).start());
        LambdaClient client = client(server);
        // when
        for (int i = 0; i < 6; i++) {
            assertThat(client.invoke(event()).statusCode()).isEqualTo(202);
        }
        // then
        assertThat(server.awaitHandlers(Duration.ofSeconds(10))).isTrue();
        assertThat(peak.get()).isEqualTo(2);
        assertThat(server.invocations()).hasSize(6);
    }

    @Test
    void should_answer_request_response_with_200_and_dry_run_with_204() {
        // given
        LocalInvokeServer server = server(LocalInvokeServer.start(FUNCTION, LocalInvokeServer.InvocationHandler.NOTHING));
        LambdaClient client = client(server);
        // when
        InvokeResponse sync = client.invoke(invoke(InvocationType.REQUEST_RESPONSE));
        InvokeResponse dryRun = client.invoke(invoke(InvocationType.DRY_RUN));
        // then
        assertThat(sync.statusCode()).isEqualTo(200);
        assertThat(sync.payload().asUtf8String()).isEqualTo("{\"success\":true}");
        assertThat(sync.functionError()).isNull();
        assertThat(dryRun.statusCode()).isEqualTo(204);
        assertThat(server.invocations()).as("only Events are recorded").isEmpty();
    }

    @Test
    void should_report_a_throwing_handler_as_function_error() {
        // given
        LocalInvokeServer server = server(LocalInvokeServer.start(FUNCTION, i -> {
            throw new IllegalStateException("boom");
        }));
        // when
        InvokeResponse sync = client(server).invoke(invoke(InvocationType.REQUEST_RESPONSE));
        // then
        assertThat(sync.statusCode()).isEqualTo(200);
        assertThat(sync.functionError()).isEqualTo("Unhandled");
        assertThat(sync.payload().asUtf8String()).contains("boom");
    }

    @Test
    void should_answer_unknown_function_like_aws() {
        // given
        LocalInvokeServer server = server(LocalInvokeServer.start(FUNCTION, LocalInvokeServer.InvocationHandler.NOTHING));
        server.setFunctionExists(false);
        // when
        ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class,
                () -> client(server).invoke(event()));
        // then
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Function not found: arn:aws:lambda:eu-central-1:000000000000:function:" + FUNCTION);
        assertThat(server.invocations()).isEmpty();
    }

    @Test
    void should_answer_another_function_name_with_404_and_accept_its_arn() {
        // given
        LocalInvokeServer server = server(LocalInvokeServer.start(FUNCTION, LocalInvokeServer.InvocationHandler.NOTHING));
        LambdaClient client = client(server);
        // when
        ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class, () -> client.invoke(
                event().toBuilder().functionName("other-function").build()));
        InvokeResponse byArn = client.invoke(event().toBuilder()
                .functionName("arn:aws:lambda:eu-central-1:000000000000:function:" + FUNCTION).build());
        // then
        assertThat(e.awsErrorDetails().errorMessage()).endsWith(":function:other-function");
        assertThat(byArn.statusCode()).isEqualTo(202);
    }

    @Test
    void should_map_injected_faults_to_sdk_exception_classes() {
        // given
        LocalInvokeServer server = server(LocalInvokeServer.builder(FUNCTION).requestFilter(faults).start());
        LambdaClient client = client(server);
        faults.injectFaults(FaultPlan.status(429).times(1));
        faults.injectFaults(FaultPlan.status(500).times(1));
        faults.injectFaults(FaultPlan.status(403).times(1));
        faults.injectFaults(FaultPlan.status(502).times(1));
        faults.injectFaults(FaultPlan.error(403, "UnrecognizedClientException").times(1));
        // when
        TooManyRequestsException throttled = catchThrowableOfType(TooManyRequestsException.class,
                () -> client.invoke(event()));
        ServiceException service = catchThrowableOfType(ServiceException.class, () -> client.invoke(event()));
        LambdaException denied = catchThrowableOfType(LambdaException.class, () -> client.invoke(event()));
        Ec2UnexpectedException eni = catchThrowableOfType(Ec2UnexpectedException.class, () -> client.invoke(event()));
        LambdaException unrecognized = catchThrowableOfType(LambdaException.class, () -> client.invoke(event()));
        InvokeResponse after = client.invoke(event());
        // then
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.reason()).isEqualTo(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
        assertThat(throttled.awsErrorDetails().errorMessage()).isEqualTo("Rate Exceeded.");
        assertThat(throttled.isThrottlingException()).isTrue();
        assertThat(service.statusCode()).isEqualTo(500);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(eni.statusCode()).isEqualTo(502);
        assertThat(unrecognized.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        assertThat(after.statusCode()).isEqualTo(202);
        assertThat(server.requestCount()).isEqualTo(6);
        assertThat(server.invocations()).hasSize(1);
    }

    @Test
    void should_throttle_every_nth_request() {
        // given
        LocalInvokeServer server = server(LocalInvokeServer.builder(FUNCTION).requestFilter(faults).start());
        LambdaClient client = client(server);
        faults.injectFaults(FaultPlan.everyNth(3, 429));
        // when
        List<Integer> throttledCalls = new ArrayList<>();
        for (int call = 1; call <= 9; call++) {
            try {
                client.invoke(event());
            } catch (TooManyRequestsException e) {
                throttledCalls.add(call);
            }
        }
        // then
        assertThat(throttledCalls).containsExactly(3, 6, 9);
        assertThat(server.invocations()).hasSize(6);
    }

    @Test
    void should_fail_for_a_duration_then_recover() throws Exception {
        // given
        LocalInvokeServer server = server(LocalInvokeServer.builder(FUNCTION).requestFilter(faults).start());
        LambdaClient client = client(server);
        faults.injectFaults(FaultPlan.status(500).forDuration(Duration.ofSeconds(1)));
        // when
        catchThrowableOfType(ServiceException.class, () -> client.invoke(event()));
        catchThrowableOfType(ServiceException.class, () -> client.invoke(event()));
        Thread.sleep(1100);
        InvokeResponse later = client.invoke(event());
        // then
        assertThat(later.statusCode()).isEqualTo(202);
    }

    @Test
    void should_reject_a_body_that_is_not_json() {
        // given
        LocalInvokeServer server = server(LocalInvokeServer.start(FUNCTION, LocalInvokeServer.InvocationHandler.NOTHING));
        // when
        InvalidRequestContentException e = catchThrowableOfType(InvalidRequestContentException.class,
                () -> client(server).invoke(event().toBuilder().payload(SdkBytes.fromUtf8String("{not json")).build()));
        // then
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(server.invocations()).isEmpty();
    }
}
