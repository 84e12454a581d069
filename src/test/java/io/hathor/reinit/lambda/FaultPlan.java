package io.hathor.reinit.lambda;

import java.time.Duration;
import java.util.Objects;

/**
 * Errors {@link FaultInjector} answers in place of the local Invoke API, the way AWS would send them. Build one with
 * {@link #status(int)} (or {@link #error(int, String)}) and say for how long: {@code FaultPlan.status(429).times(5)},
 * {@code FaultPlan.status(500).forDuration(Duration.ofSeconds(2))}, {@code FaultPlan.everyNth(3, 429)}.
 * {@link #dropConnection()} closes the connection without an answer (an I/O error on the client).
 *
 * <p>Known statuses and their AWS error types: 400 InvalidRequestContentException, 403 AccessDeniedException,
 * 404 ResourceNotFoundException, 409 ResourceConflictException, 413 RequestTooLargeException, 429
 * TooManyRequestsException (Reason ReservedFunctionConcurrentInvocationLimitExceeded), 500 ServiceException, 502
 * EC2UnexpectedException, 503 ServiceException.
 */
public final class FaultPlan {
    /** Sentinel status: close the connection instead of answering. */
    public static final int DROP_CONNECTION = -1;

    enum Kind { TIMES, DURATION, EVERY_NTH, FOREVER }

    private final int status;
    private final String errorType;
    private final Kind kind;
    private final int count;
    private final Duration duration;
    private final String message;

    private FaultPlan(int status, String errorType, Kind kind, int count, Duration duration) {
        this(status, errorType, kind, count, duration, null);
    }

    private FaultPlan(int status, String errorType, Kind kind, int count, Duration duration, String message) {
        this.status = status;
        this.errorType = errorType;
        this.kind = kind;
        this.count = count;
        this.duration = duration;
        this.message = message;
    }

    /** The same plan with this error message in the body instead of AWS's usual text. */
    public FaultPlan withMessage(String value) {
        return new FaultPlan(status, errorType, kind, count, duration, Objects.requireNonNull(value, "message"));
    }

    /** A fault with the error type AWS uses for this status; chain {@link #times}, {@link #forDuration}. */
    public static Builder status(int status) {
        return new Builder(status, defaultErrorType(status));
    }

    /** A fault with a chosen error type, e.g. {@code error(403, "UnrecognizedClientException")}. */
    public static Builder error(int status, String errorType) {
        return new Builder(status, Objects.requireNonNull(errorType, "errorType"));
    }

    /** The connection is closed without an answer. */
    public static Builder dropConnection() {
        return new Builder(DROP_CONNECTION, null);
    }

    /** Every n-th request (the n-th, 2n-th, …, counted from when the plan becomes active) gets {@code status}. */
    public static FaultPlan everyNth(int n, int status) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        return new FaultPlan(status, defaultErrorType(status), Kind.EVERY_NTH, n, null);
    }

    /** The second half of the fluent form. */
    public static final class Builder {
        private final int status;
        private final String errorType;

        private Builder(int status, String errorType) {
            if (status != DROP_CONNECTION && (status < 400 || status > 599)) {
                throw new IllegalArgumentException("fault status must be 4xx or 5xx, was " + status);
            }
            this.status = status;
            this.errorType = errorType;
        }

        /** The next {@code n} requests get the fault. */
        public FaultPlan times(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("n must be at least 1");
            }
            return new FaultPlan(status, errorType, Kind.TIMES, n, null);
        }

        /** Every request gets the fault for {@code duration}, counted from the first request it answers. */
        public FaultPlan forDuration(Duration duration) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be positive");
            }
            return new FaultPlan(status, errorType, Kind.DURATION, 0, duration);
        }

        /** Every request gets the fault until {@link LocalInvokeServer#clearFaults()}. */
        public FaultPlan always() {
            return new FaultPlan(status, errorType, Kind.FOREVER, 0, null);
        }
    }

    static String defaultErrorType(int status) {
        return switch (status) {
            case DROP_CONNECTION -> null;
            case 400 -> "InvalidRequestContentException";
            case 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 409 -> "ResourceConflictException";
            case 413 -> "RequestTooLargeException";
            case 429 -> "TooManyRequestsException";
            case 502 -> "EC2UnexpectedException";
            default -> status >= 500 ? "ServiceException" : "InvalidParameterValueException";
        };
    }

    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }

    Kind kind() {
        return kind;
    }

    int count() {
        return count;
    }

    Duration duration() {
        return duration;
    }

    /** Null for AWS's usual text. */
    String message() {
        return message;
    }

    @Override
    public String toString() {
        String what = status == DROP_CONNECTION ? "drop connection" : status + " " + errorType;
        return switch (kind) {
            case TIMES -> what + " ×" + count;
            case DURATION -> what + " for " + duration;
            case EVERY_NTH -> what + " every " + count + "th request";
            case FOREVER -> what + " always";
        };
    }
}
