package io.hathor.reinit.run;

import io.hathor.reinit.db.Retrying;
import io.hathor.reinit.db.RunLock;
import io.hathor.reinit.schedule.ThrottleSignal;

/**
 * What keeps a run safe beside its work: database retries through outages, the one-run-per-database lock, and the
 * early throttling signal from the invoker.
 *
 * @param database retries for every database call of the run (use {@link Retrying#never()} to disable)
 * @param lock the run lock held for the whole run, or null (tests that drive the core directly)
 * @param throttle early throttling reports from the Lambda invoker, or null
 */
public record Safeguards(Retrying database, RunLock lock, ThrottleSignal throttle) {
    public Safeguards {
        database = database == null ? Retrying.never() : database;
    }
}
