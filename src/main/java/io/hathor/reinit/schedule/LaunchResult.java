package io.hathor.reinit.schedule;

/**
 * What starting one load gave.
 *
 * @param throttled how many throttling answers the launch met (drives the window's back-off)
 */
public record LaunchResult(Kind kind, String detail, int throttled) {
    public enum Kind {
        /** The loader accepted the work (Lambda 202); completion is seen by polling. */
        ACCEPTED,
        /** The load ran in-process and ended ready. */
        LOADED_READY,
        /** The load ran in-process and ended in error. */
        LOADED_ERROR,
        /** The launch failed after its bounded retries; nothing is loading. */
        FAILED,
        /** A stop came before the load was sent: nothing was sent and the wallet was left as it was. */
        NOT_SENT
    }

    public static LaunchResult accepted(int throttled) {
        return new LaunchResult(Kind.ACCEPTED, null, throttled);
    }

    public static LaunchResult failed(String detail, int throttled) {
        return new LaunchResult(Kind.FAILED, detail, throttled);
    }

    public static LaunchResult notSent(String detail) {
        return new LaunchResult(Kind.NOT_SENT, detail, 0);
    }
}
