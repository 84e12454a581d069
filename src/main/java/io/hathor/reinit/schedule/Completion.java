package io.hathor.reinit.schedule;

import io.hathor.reinit.wallet.Outcome;
import java.time.Instant;

/** How one wallet's load ended in the scheduler. */
public record Completion(String walletId, Outcome outcome, String detail, Instant at) {}
