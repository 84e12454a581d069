package io.hathor.reinit.runbook;

import io.hathor.reinit.config.LambdaSettings;
import io.hathor.reinit.config.ReinitException;
import java.net.URI;
import java.time.Duration;

/**
 * What {@link Checks#run} looks at beyond the database.
 *
 * @param fullnodeUrl fullnode base URL for the event-lag check, or null to skip it
 * @param maxEventLag events the daemon may trail the fullnode's latest event by
 * @param settle time between the two samples of last_event_id and latest_event_id
 * @param lambda function to DryRun-invoke, or null when none is configured
 * @param skipLambda skip the Lambda check even when a function is configured
 * @param plan the run's loader and concurrency, weighed against the server's connections and binary log
 */
public record CheckOptions(URI fullnodeUrl, long maxEventLag, Duration settle, LambdaSettings lambda,
        boolean skipLambda, RunPlan plan) {
    public CheckOptions {
        if (plan == null) {
            throw new IllegalArgumentException("plan");
        }
        if (maxEventLag < 0) {
            throw ReinitException.configuration("--max-event-lag must be at least 0");
        }
        if (settle == null || settle.isNegative()) {
            throw ReinitException.configuration("--settle-seconds must be at least 0");
        }
        if (fullnodeUrl != null && (fullnodeUrl.getScheme() == null || fullnodeUrl.getHost() == null)) {
            throw ReinitException.configuration("--fullnode-url must be an absolute URL, e.g. http://localhost:8080");
        }
    }
}
